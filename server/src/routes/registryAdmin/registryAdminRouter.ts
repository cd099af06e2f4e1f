/**
 * The administrators' physician registry (issue 5): download the import template, import an xlsx or CSV file
 * (all or nothing, row errors in `details.rows`), and look at what is stored with numbers and phones masked.
 */
import Router from "@koa/router";
import type { AppDeps, AppState } from "../../app.js";
import { registryImporter } from "../../commands/registryImporter.js";
import { registryTemplate } from "../../commands/registryTemplate.js";
import { RegistryImportInvalidError } from "../../errors.js";
import { contentDisposition } from "../../files/fileNames.js";
import { maskIdNumber, maskPhone } from "../../identity/idNumber.js";
import { requireAdmin } from "../../policies/adminPolicy.js";
import { registryIdNumberContext, registryPhoneContext } from "../../registry/registryRecords.js";
import { REGISTRY_VOCABULARY } from "../../registry/registryVocabulary.js";
import { collectionsOf } from "../../store/collections.js";
import { multipartUpload } from "../attachments/multipartFile.js";
import { parseInput } from "../parseInput.js";
import { readUpload, spreadsheetFormat } from "../spreadsheetUpload.js";
import { registryListQuery } from "./registryAdminSchemas.js";

/** Largest import file accepted. */
export const MAX_REGISTRY_FILE_BYTES = 10 * 1024 * 1024;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function invalidFile(message: string): RegistryImportInvalidError {
  return new RegistryImportInvalidError([{ row: 0, column: "", message }]);
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
      const bytes = await readUpload(file.stream, MAX_REGISTRY_FILE_BYTES);
      await file.finished;
      const format = spreadsheetFormat(file.fileName, bytes, invalidFile);
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
