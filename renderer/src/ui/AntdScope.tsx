/**
 * antd's Chinese locale and the Shenbao theme, loaded only with the scenes that use antd so the portal
 * home and sign-in stay small. Controls are 44 px high and text 16 px: older candidates tap on phones.
 */
import type { ReactNode } from "react";
import { App, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";

dayjs.locale("zh-cn");

// Text colours at least 4.5:1 on white (WCAG AA, checked by axe in the browser tests, #12): antd's own
// secondary text (45 % black) and status colours are lighter than that.
const THEME = {
  token: {
    colorPrimary: "#0b6e4f",
    colorError: "#c41d1d",
    colorWarning: "#ad5a00",
    colorSuccess: "#2f7d14",
    colorInfo: "#0b6e4f",
    // antd derives these tints from the colours above; from such dark seeds they come out grey-dark.
    colorSuccessBg: "#eff7ea",
    colorSuccessBorder: "#b7d8a8",
    colorErrorBg: "#fdeeee",
    colorErrorBorder: "#f0b4b4",
    colorWarningBg: "#fdf4e6",
    colorWarningBorder: "#eccb94",
    colorInfoBg: "#e8f3ee",
    colorInfoBorder: "#a9d3c1",
    colorTextSecondary: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.6)",
    colorTextDescription: "rgba(0, 0, 0, 0.6)",
    fontSize: 16,
    controlHeight: 44,
    controlHeightSM: 36,
    controlHeightLG: 48,
  },
  components: {
    // antd sizes calendar cells from controlHeightSM (36 × 54 px here): a 414 px calendar on a 375 px
    // phone, its first columns off screen. 40 px wide cells keep it on screen with fingertip targets (#12).
    DatePicker: { cellWidth: 40 },
  },
};

/** Wraps an antd scene: locale, theme and `App` (so `App.useApp()` modals get both). */
export function AntdScope({ children }: { children: ReactNode }) {
  return (
    // autoInsertSpace off: antd would render 「撤回」 as "撤 回", and buttons must read as the guide words them.
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <App>{children}</App>
    </ConfigProvider>
  );
}
