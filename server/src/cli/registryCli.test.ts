import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadEnv } from "../env.js";
import { REGISTRY_VOCABULARY } from "../registry/registryVocabulary.js";
import { registryCsv, registryRow, registryXlsx } from "../../test/registryFactories.js";
import { runRegistryCli } from "./registryCli.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");

describe("npm run registry", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "shenbao-registry-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const env = loadEnv({ SHENBAO_DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent" });
    const code = await runRegistryCli(
      args,
      { out: (line) => out.push(line), err: (line) => err.push(line) },
      env,
    );
    return { code, out, err };
  };

  it("imports a file and prints a summary, then reports an update on re-import", async () => {
    const file = path.join(dir, "registry.xlsx");
    writeFileSync(file, await registryXlsx([registryRow(41), registryRow(42)]));
    expect(await run(["import", file])).toEqual({
      code: 0,
      out: ["导入完成：共 2 行，新增 2 人，更新 0 人。"],
      err: [],
    });
    expect((await run(["import", file])).out).toEqual(["导入完成：共 2 行，新增 0 人，更新 2 人。"]);
  });

  it("prints the row errors and exits 1, in-process and as a real `tsx` process", async () => {
    const file = path.join(dir, "bad.csv");
    writeFileSync(file, registryCsv([registryRow(43), registryRow(44, { phone: "12" })]));
    const phoneHeader = REGISTRY_VOCABULARY.columns.find((column) => column.key === "phone")!.header;
    const result = await run(["import", file]);
    expect(result.code).toBe(1);
    expect(result.err.join("\n")).toContain(`第 3 行「${phoneHeader}」：应为11位手机号码`);

    const child = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        path.join(ROOT, "node_modules/.bin/tsx"),
        [path.join(ROOT, "server/src/cli/registryCli.ts"), "import", file],
        { cwd: dir, env: { ...process.env, SHENBAO_DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent" } },
        (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(child.code).toBe(1);
    expect(child.stderr).toContain("第 3 行");
  }, 30_000);

  it("writes the template and answers usage errors with exit code 2", async () => {
    const out = path.join(dir, "template.xlsx");
    expect((await run(["template", out])).code).toBe(0);
    expect((await run(["export"])).code).toBe(2);
  });
});
