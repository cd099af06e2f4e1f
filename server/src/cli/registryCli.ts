/**
 * `npm run registry -- import <file.xlsx|file.csv>` and `npm run registry -- template <out.xlsx>` (issue 5):
 * the administrator's way to load the physician registry. It opens the same ports, keys and data directory
 * as the server (configured by the same environment), so an import lands where the server looks.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { closeAppServices, openAppServices, type AppServices } from "../appServices.js";
import { registryImporter } from "../commands/registryImporter.js";
import { registryTemplate } from "../commands/registryTemplate.js";
import { loadEnv, type Env } from "../env.js";
import { RegistryImportInvalidError } from "../errors.js";
import { createLogger } from "../logger.js";
import { closePorts, createPorts } from "../ports/index.js";

/** Where the CLI writes; tests pass collectors. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  "用法：",
  "  npm run registry -- import <文件.xlsx|文件.csv>   导入医师名录（有任何错误则不导入）",
  "  npm run registry -- template <模板.xlsx>          生成导入模板",
];

/** Runs one CLI command and returns the process exit code (0 done, 1 row errors or failure, 2 usage). */
export async function runRegistryCli(
  args: readonly string[],
  output: CliOutput,
  env: Env = loadEnv(),
): Promise<number> {
  const [command, file, ...rest] = args;
  if (!file || rest.length > 0 || (command !== "import" && command !== "template")) {
    USAGE.forEach((line) => output.err(line));
    return 2;
  }
  if (command === "template") {
    await writeFile(file, await registryTemplate());
    output.out(`已生成导入模板：${path.resolve(file)}`);
    return 0;
  }

  // Warnings only: the summary below is the CLI's answer, and row errors never reach a log.
  const logger = createLogger(env.LOG_LEVEL === "silent" ? "silent" : "warn");
  const ports = await createPorts(env, logger);
  let services: AppServices | undefined;
  try {
    services = await openAppServices(env, ports);
    const summary = await registryImporter(
      {
        store: ports.store,
        cipher: services.cipher,
        clock: services.clock,
        regionLookup: services.identity.regionLookup,
      },
      { input: { path: file }, actor: "system:registryCli" },
    );
    output.out(`导入完成：共 ${summary.rows} 行，新增 ${summary.inserted} 人，更新 ${summary.updated} 人。`);
    return 0;
  } catch (error) {
    if (!(error instanceof RegistryImportInvalidError)) throw error;
    output.err(`${error.message}：`);
    for (const rowError of error.rowErrors) {
      const where = [
        rowError.row > 0 ? `第 ${rowError.row} 行` : "",
        rowError.column ? `「${rowError.column}」` : "",
      ];
      output.err(`  ${where.join("")}${where.join("") ? "：" : ""}${rowError.message}`);
    }
    return 1;
  } finally {
    if (services) await closeAppServices(services);
    await closePorts(ports);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const output: CliOutput = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  runRegistryCli(process.argv.slice(2), output).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
