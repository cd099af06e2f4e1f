import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { editionDir, writeEditionFiles } from "@shenbao/forms";
import { fixtureEditionFiles } from "@shenbao/forms/test/fixtureEdition.js";
import { loadEnv } from "../env.js";
import { runFormsCli } from "./formsCli.js";

describe("npm run forms (store commands)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "shenbao-forms-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const env = loadEnv({ SHENBAO_DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent" });
    const code = await runFormsCli(
      args,
      { cwd: dir, out: (line) => out.push(line), err: (line) => err.push(line) },
      env,
    );
    return { code, out, err };
  };

  it("publishes, opens and migrates the fixture edition, and lists the versions", async () => {
    const fixture = path.join(dir, "fixture");
    await writeEditionFiles(fixture, await fixtureEditionFiles());
    expect((await run("publish", editionDir("hubei-2024"))).code).toBe(0);
    const published = await run("publish", "fixture");
    expect(published).toMatchObject({ code: 0, err: [] });
    expect(published.out[0]).toMatch(/^published hubei-2024@2024\.2\.0/);
    expect((await run("publish", "fixture")).out[0]).toContain("already published with the same content");

    expect(await run("migrate", "--to", "hubei-2024@2024.2.0", "--dry-run")).toEqual({
      code: 0,
      out: ["dry run: would move 0, would keep 0 on their version"],
      err: [],
    });
    expect((await run("open", "hubei-2024@2024.2.0", "--from", "2030-01-01T08:00+08:00")).code).toBe(0);
    expect((await run("versions")).out).toEqual([
      expect.stringMatching(/^hubei-2024@2024\.1\.0 published .* by system:formsCli$/),
      expect.stringMatching(/^hubei-2024@2024\.2\.0 published .* by system:formsCli \(open\)$/),
    ]);
  });

  it("refuses a broken edition with every lint problem, and bad arguments with the usage", async () => {
    const broken = path.join(dir, "broken");
    const files = await fixtureEditionFiles();
    const manifest = JSON.parse(files["manifest.json"]!) as Record<string, unknown>;
    await writeEditionFiles(broken, {
      ...files,
      "manifest.json": JSON.stringify({ ...manifest, catalogs: ["nowhere"] }),
    });
    const refused = await run("publish", "broken");
    expect(refused.code).toBe(1);
    expect(refused.err.some((line) => line.startsWith("manifest.json /catalogs/0:"))).toBe(true);
    expect((await run("versions")).out).toEqual([]);

    const usage = await run("migrate", "--to", "not-a-version");
    expect(usage.code).toBe(2);
    expect(usage.err.join("\n")).toContain("npm run forms -- migrate --to <key@version>");
    expect((await run("open", "hubei-2024@2024.1.0")).code).toBe(1);
  });
});
