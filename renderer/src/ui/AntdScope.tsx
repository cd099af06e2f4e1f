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

const THEME = {
  token: {
    colorPrimary: "#0b6e4f",
    fontSize: 16,
    controlHeight: 44,
    controlHeightSM: 36,
    controlHeightLG: 48,
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
