/**
 * Where an application is reviewed (REV-1, REV-3): its on-site county and that county's city and province,
 * read from the edition's divisions catalog (GB/T 2260), and which reviewers' scopes reach it.
 */
import { editionBindings, findCatalogItem, type Edition } from "@shenbao/rules";
import type { Filter } from "../ports/store.js";
import type { ReviewerScope, ReviewLevel, ReviewRoute } from "../store/collections.js";

/** The levels from the bottom up: an application passes county → city → province (REV-3). */
export const REVIEW_LEVELS: readonly ReviewLevel[] = ["county", "city", "province"];

/** The reviewers' words for each level. */
export const REVIEW_LEVEL_LABELS: Readonly<Record<ReviewLevel, string>> = {
  county: "县区",
  city: "市州",
  province: "省",
};

/** The route of an application whose on-site county is `county`, or undefined when the catalog lacks it. */
export function reviewRouteOf(edition: Edition, county: string): ReviewRoute | undefined {
  const id = editionBindings(edition).divisions;
  const catalog = id === undefined ? undefined : edition.catalogs[id];
  const trail = catalog && findCatalogItem(catalog, county);
  if (trail?.length !== 3) return undefined;
  const [province, city, leaf] = trail;
  return { province: province!.value, city: city!.value, county: leaf!.value };
}

/** The division's level and name in the divisions catalog (a province, city or county), if it is one. */
export function divisionOf(
  edition: Edition,
  code: string,
): { level: ReviewLevel; name: string; path: string[] } | undefined {
  const id = editionBindings(edition).divisions;
  const catalog = id === undefined ? undefined : edition.catalogs[id];
  const trail = catalog && findCatalogItem(catalog, code);
  if (trail === undefined || trail.length < 1 || trail.length > 3) return undefined;
  const level = REVIEW_LEVELS[3 - trail.length]!;
  return { level, name: trail[trail.length - 1]!.label, path: trail.map((item) => item.label) };
}

/** True when `route` lies in the reviewer's division (their county, a county of their city, …). */
export function routeInScope(scope: Pick<ReviewerScope, "level" | "division">, route: ReviewRoute): boolean {
  return route[scope.level] === scope.division;
}

/** The queue filter of a reviewer's scope: the route field of their level equals their division. */
export function scopeFilter(scope: Pick<ReviewerScope, "level" | "division">): Filter {
  return { [scope.level]: scope.division };
}
