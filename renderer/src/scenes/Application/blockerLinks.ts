/**
 * What stops 「提交上报」 (APP-5), as links: each blocker opens its section with the field path in the
 * fragment, and the section page scrolls to that field and focuses it.
 */
import type { Edition, SectionError } from "@shenbao/rules";

/** Where a blocker leads: the type choice, a whole section, or one field of a section. */
export function blockerHref(blocker: SectionError): string {
  if (blocker.section === "") return "/apply#candidateType";
  const base = `/apply/sections/${encodeURIComponent(blocker.section)}`;
  return blocker.path === "" ? base : `${base}#${encodeURI(blocker.path)}`;
}

/** The line shown for a blocker: the section's title from the edition, then the server's message. */
export function blockerText(blocker: SectionError, edition: Edition | undefined): string {
  const title = edition?.sections.find((section) => section.key === blocker.section)?.title;
  return title ? `${title}：${blocker.message}` : blocker.message;
}
