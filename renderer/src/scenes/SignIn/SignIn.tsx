/**
 * Sign-in (ACC-1, ACC-2): phone + one-time code everywhere, 「扫码登录」 beside it on wide screens, and
 * WeChat when the server has it configured. Afterwards the user goes back to where they came from.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ApiError, messageOf } from "../../api/apiClient.js";
import { authApi, type MeView } from "../../api/endpoints.js";
import type { SignedInState } from "../../app/AppShell.js";
import { safeReturnPath, SESSION_EXPIRED_MESSAGE, useSession } from "../../app/session.js";
import { QrLoginPanel } from "./QrLoginPanel.js";
import { useCountdown } from "./useCountdown.js";

const WIDE = "(min-width: 768px)";
const CODE_COOLDOWN_SECONDS = 60;

function useWideScreen(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const query = window.matchMedia(WIDE);
    const onChange = () => setWide(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return wide;
}

/** The sign-in page at /login?returnTo=… */
export function SignIn() {
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get("returnTo"));
  const navigate = useNavigate();
  const { me, signedIn } = useSession();
  const wide = useWideScreen();
  const [wechat, setWechat] = useState(false);

  useEffect(() => {
    void authApi.wechatEnabled().then(setWechat);
  }, []);

  // Set once this page signs the user in, so the "already signed in" redirect below does not replace the
  // navigation that carries `justSignedIn`.
  const signingIn = useRef(false);
  const done = useCallback(
    (user: MeView) => {
      signingIn.current = true;
      signedIn(user);
      const state: SignedInState = { justSignedIn: true };
      navigate(returnTo, { replace: true, state });
    },
    [navigate, returnTo, signedIn],
  );

  useEffect(() => {
    if (me && !signingIn.current) navigate(returnTo, { replace: true });
  }, [me, navigate, returnTo]);

  return (
    <main className="sb-page">
      <h1 className="sb-page-title">登录</h1>
      {params.get("expired") === "1" && (
        <p role="alert" className="sb-signin-expired">
          {SESSION_EXPIRED_MESSAGE}，登录后将回到原页面，未保存的内容已保留在本机。
        </p>
      )}
      <div className={`sb-signin${wide ? " sb-signin-wide" : ""}`}>
        <section className="sb-card" aria-labelledby="sb-phone-title">
          <h2 id="sb-phone-title" className="sb-card-title">
            手机号登录
          </h2>
          <PhoneCodeForm onSignedIn={done} />
          {wechat && (
            <>
              <div className="sb-divider">或</div>
              <a className="sb-btn sb-btn-block" href={authApi.wechatStartUrl(returnTo)}>
                微信授权登录
              </a>
            </>
          )}
        </section>
        {wide && <QrLoginPanel onSignedIn={done} />}
      </div>
    </main>
  );
}

/** Phone number, 获取验证码 with its 60 s countdown, and the code. */
function PhoneCodeForm({ onSignedIn }: { onSignedIn: (me: MeView) => void }) {
  const phoneId = useId();
  const codeId = useId();
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [sending, setSending] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const countdown = useCountdown();

  const sendCode = async () => {
    setError(undefined);
    setNotice(undefined);
    if (!/^\d{11}$/.test(phone.replace(/\s|-/g, ""))) {
      setError("请输入正确的手机号码");
      return;
    }
    setSending(true);
    try {
      const sent = await authApi.sendCode(phone);
      countdown.start(sent.resendAfterSeconds || CODE_COOLDOWN_SECONDS);
      setNotice("验证码已发送，5分钟内有效");
    } catch (failure) {
      setError(messageOf(failure));
      // A 429 says when a new code may be asked for: the button counts down to then.
      if (failure instanceof ApiError && failure.retryAfter) countdown.start(failure.retryAfter);
    } finally {
      setSending(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (code.trim() === "") {
      setError("请输入验证码");
      return;
    }
    setSigningIn(true);
    try {
      onSignedIn(await authApi.signIn(phone, code.trim()));
    } catch (failure) {
      const attemptsLeft = failure instanceof ApiError ? failure.details.attemptsLeft : undefined;
      setError(
        typeof attemptsLeft === "number"
          ? `${messageOf(failure)}，还可尝试 ${attemptsLeft} 次`
          : messageOf(failure),
      );
      setSigningIn(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <label className="sb-field" htmlFor={phoneId}>
        <span className="sb-field-label">手机号</span>
        <input
          id={phoneId}
          className="sb-input"
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          maxLength={20}
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          placeholder="请输入手机号"
        />
      </label>
      <div className="sb-field">
        <label className="sb-field-label" htmlFor={codeId}>
          验证码
        </label>
        <div className="sb-input-row">
          <input
            id={codeId}
            className="sb-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            placeholder="6位数字"
          />
          <button
            type="button"
            className="sb-btn"
            disabled={sending || countdown.seconds > 0}
            onClick={() => void sendCode()}
          >
            {countdown.seconds > 0 ? `${countdown.seconds}秒后重新获取` : sending ? "发送中…" : "获取验证码"}
          </button>
        </div>
      </div>
      {notice && (
        <p className="sb-notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="sb-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="sb-btn sb-btn-primary sb-btn-block" disabled={signingIn}>
        {signingIn ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
