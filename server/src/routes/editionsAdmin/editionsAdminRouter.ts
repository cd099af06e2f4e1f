/**
 * /api/admin/editions — the edition lifecycle for administrators (FORM-1…4): the stored versions with their
 * state, who published them and which one is open; publishing uploaded files or a stored draft (the
 * linter decides, 422 names every problem); copying a version into a new draft; opening a version for new
 * applications with its dates; migrating drafts to a version (with a dry run); each version's files and
 * the diff between two. Every write is a command and audited.
 *
 * The studio (issue 9) adds, for a draft: autosave of its files at a revision, the linter's findings, the
 * loaded edition and its generated validators module for the live preview, and catalog import from xlsx / CSV.
 */
import Router from "@koa/router";
import type { Context } from "koa";
import {
  chineseLintMessage,
  diffEditions,
  filesSource,
  formatLintMessage,
  lintEdition,
} from "@shenbao/forms";
import { standaloneValidators, type Edition } from "@shenbao/rules";
import type { AppDeps, AppState } from "../../app.js";
import { draftMigrator } from "../../commands/draftMigrator.js";
import { editionDraftCopier, editionFilesOf } from "../../commands/editionDraftCopier.js";
import { editionOpener } from "../../commands/editionOpener.js";
import { editionPublisher } from "../../commands/editionPublisher.js";
import {
  assertDraftBounds,
  editionDraftPatcher,
  editionDraftSaver,
} from "../../commands/editionDraftSaver.js";
import { catalogImporter } from "../../commands/catalogImporter.js";
import { userPhoneContext } from "../../auth/phoneNumber.js";
import { maskPhone } from "../../identity/idNumber.js";
import type { Stored } from "../../ports/store.js";
import type { EditionDoc } from "../../store/collections.js";
import { multipartUpload } from "../attachments/multipartFile.js";
import { currentOpening, publishedEdition } from "../../editions/publishedEditions.js";
import {
  CatalogImportInvalidError,
  EditionDraftUnloadableError,
  NoPublishedEditionError,
  NotFoundError,
  RevisionConflictError,
} from "../../errors.js";
import { requireAdmin } from "../../policies/adminPolicy.js";
import { presentEditionVersion } from "../../presenters/editionPresenter.js";
import { collectionsOf } from "../../store/collections.js";
import { parseInput } from "../parseInput.js";
import { readUpload, spreadsheetFormat } from "../spreadsheetUpload.js";
import {
  catalogImportParams,
  catalogImportQuery,
  copyBody,
  diffQuery,
  editionParams,
  migrateBody,
  openBody,
  publishDraftBody,
  publishUploadBody,
  revQuery,
  patchDraftBody,
  saveDraftBody,
} from "./editionsAdminSchemas.js";

const toMs = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** Largest catalog file accepted for import. */
export const MAX_CATALOG_FILE_BYTES = 10 * 1024 * 1024;
const refuseCatalogFile = (message: string) => new CatalogImportInvalidError([{ row: 0, message }]);

// Generated validators of recently previewed draft revisions (a draft changes with every autosave).
const draftValidators = new Map<string, string>();
const DRAFT_VALIDATORS_KEPT = 8;

/** Router for the administrators' edition lifecycle. */
export function editionsAdminRouter(deps: AppDeps): Router<AppState> {
  const { store } = deps.ports;
  const { editions, users } = collectionsOf(store);
  const commandDeps = { store, clock: deps.clock };
  const router = new Router<AppState>({ prefix: "/api/admin/editions" });

  const versionDoc = async (params: unknown) => {
    const { key, version } = parseInput(editionParams, params);
    const [doc] = (await editions.find({ key, version }, { limit: 1 })).items;
    if (doc === undefined) throw new NotFoundError();
    return doc;
  };
  const openNow = async () => {
    try {
      return await currentOpening(store, deps.clock.now());
    } catch (error) {
      if (error instanceof NoPublishedEditionError) return undefined;
      throw error;
    }
  };

  /** Who published, as the list shows it: the platform, or the administrator's masked phone. */
  const publisherLabels = async (docs: Stored<EditionDoc>[]) => {
    const labels = new Map<string, string>();
    for (const id of new Set(docs.map((doc) => doc.publishedBy).filter((id) => id !== undefined))) {
      if (id.startsWith("system:")) {
        labels.set(id, "系统");
        continue;
      }
      const user = await users.get(id);
      labels.set(
        id,
        user?.phoneEncrypted === undefined
          ? "管理员"
          : maskPhone(deps.cipher.decrypt(user.phoneEncrypted, userPhoneContext(user._id))),
      );
    }
    return (doc: Stored<EditionDoc>) =>
      doc.publishedBy === undefined ? null : (labels.get(doc.publishedBy) ?? null);
  };
  /** The draft at the revision the page read (`?rev`), else as stored. */
  const draftAt = async (ctx: { params: unknown; query: unknown }) => {
    const doc = await versionDoc(ctx.params);
    const { rev } = parseInput(revQuery, ctx.query);
    if (rev !== undefined && rev !== doc.rev)
      throw new RevisionConflictError("草稿已在别处修改，请刷新", { expectedRev: rev, actualRev: doc.rev });
    return doc;
  };
  /** The loaded edition of a stored version; a draft that does not load says what is wrong. */
  const loadedEdition = async (doc: Stored<EditionDoc>): Promise<Edition> => {
    if (doc.editionJson !== undefined) return JSON.parse(doc.editionJson) as Edition;
    const problems = await lintEdition(filesSource(editionFilesOf(doc)));
    throw new EditionDraftUnloadableError(problems.map(chineseLintMessage).map(formatLintMessage));
  };

  router.get("/", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const { items } = await editions.find({}, { sort: { key: 1, version: 1 } });
    const open = await openNow();
    const labelOf = await publisherLabels(items);
    ctx.set("Cache-Control", "no-store");
    ctx.body = { items: items.map((doc) => presentEditionVersion(doc, open, labelOf(doc))) };
  });

  router.post("/", async (ctx) => {
    const actor = requireAdmin(ctx.state.actor);
    const { files } = parseInput(publishUploadBody, ctx.request.body);
    // An uploaded edition is held to a draft's bounds: the studio must be able to copy and save it.
    assertDraftBounds(files);
    const { edition, outcome } = await editionPublisher(commandDeps, {
      files,
      actor: actor.userId,
      chinese: true,
    });
    ctx.status = outcome === "published" ? 201 : 200;
    ctx.body = { outcome, edition: presentEditionVersion(edition, await openNow()) };
  });

  router.put("/open", async (ctx) => {
    const actor = requireAdmin(ctx.state.actor);
    const body = parseInput(openBody, ctx.request.body);
    await editionOpener(commandDeps, {
      key: body.key,
      version: body.version,
      opensAt: toMs(body.opensAt),
      closesAt: toMs(body.closesAt),
      actor: actor.userId,
    });
    const doc = await versionDoc(body);
    ctx.body = { edition: presentEditionVersion(doc, await openNow()) };
  });

  router.get("/:key/:version/files", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const doc = await versionDoc(ctx.params);
    ctx.set("Cache-Control", "no-store");
    ctx.body = { rev: doc.rev, status: doc.status, files: editionFilesOf(doc) };
  });

  /** What both autosaves answer: the new revision, whether the files load, when. */
  function answerDraftSaved(ctx: Context, saved: Stored<EditionDoc>): void {
    ctx.set("Cache-Control", "no-store");
    ctx.body = { rev: saved.rev, loads: saved.editionJson !== undefined, updatedAt: saved.updatedAt };
  }

  router.put("/:key/:version/files", async (ctx) => {
    const actor = requireAdmin(ctx.state.actor);
    const { key, version } = parseInput(editionParams, ctx.params);
    const { rev, files } = parseInput(saveDraftBody, ctx.request.body);
    const saved = await editionDraftSaver(commandDeps, { key, version, rev, files, actor: actor.userId });
    answerDraftSaved(ctx, saved);
  });

  router.patch("/:key/:version/files", async (ctx) => {
    const actor = requireAdmin(ctx.state.actor);
    const { key, version } = parseInput(editionParams, ctx.params);
    const { rev, changes } = parseInput(patchDraftBody, ctx.request.body);
    const saved = await editionDraftPatcher(commandDeps, { key, version, rev, changes, actor: actor.userId });
    answerDraftSaved(ctx, saved);
  });

  router.get("/:key/:version/lint", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const doc = await draftAt(ctx);
    const problems = await lintEdition(filesSource(editionFilesOf(doc)));
    ctx.set("Cache-Control", "no-store");
    ctx.body = {
      rev: doc.rev,
      problems: problems.map(chineseLintMessage).map((problem) => ({
        file: problem.file,
        pointer: problem.path,
        message: problem.message,
      })),
    };
  });

  router.get("/:key/:version/edition", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const doc = await draftAt(ctx);
    ctx.set("Cache-Control", "no-store");
    // The whole edition, examples included: the preview loads them and the rule tests run them.
    ctx.body = { rev: doc.rev, edition: await loadedEdition(doc) };
  });

  router.get("/:key/:version/validators.js", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const doc = await draftAt(ctx);
    const id = `${doc._id}#${doc.rev}`;
    let source = draftValidators.get(id);
    if (source === undefined) {
      source = standaloneValidators(await loadedEdition(doc));
      draftValidators.set(id, source);
      while (draftValidators.size > DRAFT_VALIDATORS_KEPT)
        draftValidators.delete(draftValidators.keys().next().value as string);
    }
    ctx.set("Cache-Control", "no-store");
    ctx.type = "text/javascript; charset=utf-8";
    ctx.body = source;
  });

  router.post("/:key/:version/catalogs/:id/import", async (ctx) => {
    const actor = requireAdmin(ctx.state.actor);
    const { key, version, id } = parseInput(catalogImportParams, ctx.params);
    const { rev } = parseInput(catalogImportQuery, ctx.query);
    const upload = multipartUpload(ctx.req);
    try {
      const file = await upload.receive({ accept: [], maxBytes: MAX_CATALOG_FILE_BYTES, maxCount: 1 });
      const bytes = await readUpload(file.stream, MAX_CATALOG_FILE_BYTES);
      await file.finished;
      const format = spreadsheetFormat(file.fileName, bytes, refuseCatalogFile);
      const { edition, items } = await catalogImporter(commandDeps, {
        key,
        version,
        rev,
        catalog: id,
        file: { buffer: bytes, format },
        actor: actor.userId,
      });
      ctx.set("Cache-Control", "no-store");
      ctx.body = { rev: edition.rev, items };
    } catch (error) {
      upload.discard();
      throw error;
    }
  });

  router.get("/:key/:version/diff", async (ctx) => {
    requireAdmin(ctx.state.actor);
    const doc = await versionDoc(ctx.params);
    const { against } = parseInput(diffQuery, ctx.query);
    const [key, version] = against.split("@") as [string, string];
    if (doc.status === "draft" && doc.editionJson === undefined) throw new NotFoundError();
    const after =
      doc.status === "draft"
        ? JSON.parse(doc.editionJson!)
        : await publishedEdition(store, doc.key, doc.version);
    const before = await publishedEdition(store, key, version);
    ctx.body = { from: against, to: `${doc.key}@${doc.version}`, changes: diffEditions(before, after) };
  });

  router.post("/:key/:version/copy", async (ctx) => {
    const actor = requireAdmin(ctx.state.actor);
    const { key, version } = parseInput(editionParams, ctx.params);
    const to = parseInput(copyBody, ctx.request.body ?? {});
    const draft = await editionDraftCopier(commandDeps, {
      from: { key, version },
      to: Object.fromEntries(Object.entries(to).filter(([, value]) => value !== undefined)),
      actor: actor.userId,
    });
    ctx.status = 201;
    ctx.body = { edition: presentEditionVersion(draft, await openNow()) };
  });

  router.post("/:key/:version/publish", async (ctx) => {
    const actor = requireAdmin(ctx.state.actor);
    const doc = await versionDoc(ctx.params);
    const { rev } = parseInput(publishDraftBody, ctx.request.body);
    const { edition, outcome } = await editionPublisher(commandDeps, {
      files: editionFilesOf(doc),
      actor: actor.userId,
      chinese: true,
      ...(doc.status === "draft" ? { draftRev: rev } : {}),
    });
    ctx.body = { outcome, edition: presentEditionVersion(edition, await openNow()) };
  });

  router.post("/:key/:version/migrate", async (ctx) => {
    const actor = requireAdmin(ctx.state.actor);
    const { key, version } = parseInput(editionParams, ctx.params);
    const { dryRun } = parseInput(migrateBody, ctx.request.body);
    ctx.body = await draftMigrator(commandDeps, { key, version, dryRun, actor: actor.userId });
  });

  return router;
}
