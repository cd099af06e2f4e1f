/**
 * The region codes ID numbers are checked against (GB/T 2260), read from an edition's divisions catalog so
 * the server and the form agree on which regions exist.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { editionDir } from "@shenbao/forms";
import { regionLookupFromDivisions, type DivisionsCatalog, type RegionLookup } from "./idNumber.js";

/** The edition whose catalog is used until editions are read from the store. */
export const DEFAULT_DIVISIONS_EDITION = "hubei-2024";

/** Reads `<edition>/catalogs/divisions.json` once at start; throws when the catalog is missing or malformed. */
export function loadEditionRegionLookup(editionKey: string = DEFAULT_DIVISIONS_EDITION): RegionLookup {
  const file = path.join(editionDir(editionKey), "catalogs", "divisions.json");
  return regionLookupFromDivisions(JSON.parse(readFileSync(file, "utf8")) as DivisionsCatalog);
}
