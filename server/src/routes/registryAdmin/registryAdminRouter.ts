/**
 * The administrators' physician registry (issue 5): download the import template, import an xlsx or CSV file
 * (all or nothing, row errors in `details.rows`), and look at what is stored with numbers and phones masked.
 */
import Router from "@koa/router";
import type { Readable } from "node:stream";
import type { AppDeps, AppState } from "../../app.js";
import { registryImporter, type RegistryFileFormat } from "../../commands/registryImporter.js";
import { registryTemplate } from "../../commands/registryTemplate.js";
import { FileTooLargeError, ForbiddenError, RegistryImportInvalidError } from "../../errors.js";
import { contentDisposition } from "../../files/fileNames.js";
import { maskIdNumber, maskPhone } from "../../identity/idNumber.js";
import type { Actor } from "../../policies/actor.js";
import { requireSignedIn } from "../../policies/requireSignedIn.js";
import { registryIdNumberContext, registryPhoneContext } from "../../registry/registryRecords.js";
import { REGISTRY_VOCABULARY } from "../../registry/registryVocabulary.js";
import { collectionsOf } from "../../store/collections.js";
import { multipartUpload } from "../attachments/multipartFile.js";
import { parseInput } from "../parseInput.js";
import { registryListQuery } from "./registryAdminSchemas.js";

/** Largest import file accepted. */
export const MAX_REGISTRY_FILE_BYTES = 10 * 1024 * 1024;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// Every xlsx is a zip archive: local file header "PK\x03\x04".
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Administrators only, as for the queue view: 401 without a session, 403 for everyone else. */
function requireAdmin(actor: Actor | undefined): Actor {
  const signedIn = requireSignedIn(actor);
  if (!signedIn.roles.includes("admin")) throw new ForbiddenError();
  return signedIn;
}

function invalidFile(message: string): RegistryImportInvalidError {
  return new RegistryImportInvalidError([{ row: 0, column: "", message }]);
}

/** The format from the name's extension, confirmed by the bytes: xlsx is a zip, CSV is text (no NUL byte). */
function formatOf(fileName: string, bytes: Buffer): RegistryFileFormat {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const isZip = bytes.subarray(0, 4).equals(ZIP_MAGIC);
  if (extension === "xlsx") {
    if (!isZip) throw invalidFile("该文件不是有效的 .xlsx 文件，请用 Excel 另存为 .xlsx 后重新导入");
    return "xlsx";
  }
  if (extension === "csv") {
    if (isZip || bytes.subarray(0, 8192).includes(0)) throw invalidFile("该文件不是文本格式的 .csv 文件");
    return "csv";
  }
  throw invalidFile("只能导入 .xlsx 或 .csv 文件");
}

async function readAll(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > maxBytes) throw new FileTooLargeError(maxBytes);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** Router for `/api/admin/registry…`. */
export function registryAdminRouter(deps: AppDeps): Router<AppState> {
  const { registry } = collectionsOf(deps.ports.store);
  const router = new Router<AppState>();

  router.get("/api/admin/registry/template", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const bytes = await registryTemplate();
    ctx.set("Content-Disposition", contentDisposition(`${REGISTRY_VOCABULARY.sheetName}导入模板.xlsx`));
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Cache-Control", "no-store");
    ctx.type = XLSX_TYPE;
    ctx.body = bytes;
  });

  router.post("/api/admin/registry/import", async (ctx) => {
    const actor = requireAdmin(ctx.state.actor);
    const upload = multipartUpload(ctx.req);
    try {
      const file = await upload.receive({ accept: [], maxBytes: MAX_REGISTRY_FILE_BYTES, maxCount: 1 });
      const bytes = await readAll(file.stream, MAX_REGISTRY_FILE_BYTES);
      await file.finished;
      const format = formatOf(file.fileName, bytes);
      const summary = await registryImporter(
        {
          store: deps.ports.store,
          cipher: deps.cipher,
          clock: deps.clock,
          regionLookup: deps.identity.regionLookup,
        },
        { input: { buffer: bytes, format }, actor: actor.userId },
      );
      ctx.set("Cache-Control", "no-store");
      ctx.body = { inserted: summary.inserted, updated: summary.updated, total: summary.rows };
    } catch (error) {
      upload.discard();
      // The API's shape for row errors: `details.rows` (messages and headers only, never a cell's value).
      if (error instanceof RegistryImportInvalidError) error.details = { rows: error.rowErrors };
      throw error;
    }
  });

  router.get("/api/admin/registry", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const { cursor, limit } = parseInput(registryListQuery, ctx.query);
    const [total, page] = await Promise.all([
      registry.count({}),
      registry.find({}, { sort: { _id: 1 }, limit, ...(cursor && { cursor }) }),
    ]);
    ctx.set("Cache-Control", "no-store");
    ctx.body = {
      total,
      next: page.next ?? null,
      items: page.items.map((doc) => ({
        id: doc._id,
        name: doc.name,
        idNumber: maskIdNumber(deps.cipher.decrypt(doc.idNumberEnc, registryIdNumberContext(doc._id))),
        sex: doc.sex,
        institution: doc.institution,
        institutionDivision: doc.institutionDivision,
        practiceCategory: doc.practiceCategory,
        title: doc.title,
        phone: maskPhone(deps.cipher.decrypt(doc.phoneEnc, registryPhoneContext(doc._id))),
        labels: doc.labels,
        source: doc.source,
        importedAt: doc.importedAt,
      })),
    };
  });

  return router;
}
