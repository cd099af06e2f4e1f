/**
 * Dates and times as people in China read them (China Standard Time, 2025年3月1日 08:00), for messages
 * the server writes: SMS texts, the opening and closing of applications.
 */
const CHINA_TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** `ms` (epoch milliseconds) in China Standard Time, to the minute. */
export function formatChinaTime(ms: number): string {
  return CHINA_TIME.format(new Date(ms));
}
