/**
 * Child process: the real app on the embedded adapters (`startTestServer` in a temp dir: SQLite WAL with
 * synchronous=FULL), with `argv[2]` signed-in candidates, each with their own started application, so
 * concurrent saves never conflict on a revision.
 */
import type { ApplicationView } from "../src/presenters/applicationPresenter.js";
import { buildCandidate, callApi, exampleSection, publishShippedEdition } from "../test/factories.js";
import { startTestServer } from "../test/testApp.js";
import { serveForBench, type SaveSlot } from "./childProtocol.js";

// Small, applies to both candidate types, and saved by the candidate (not by a command).
const SAVED_SECTION = "technique";

serveForBench(async () => {
  const count = Number(process.argv[2] ?? "1");
  const server = await startTestServer();
  const edition = await publishShippedEdition(server.ports.store, server.services.clock);
  const sectionData = exampleSection(edition, "apprentice", SAVED_SECTION);
  const slots: SaveSlot[] = [];
  for (let i = 0; i < count; i++) {
    const candidate = await buildCandidate(server);
    const started = await callApi<ApplicationView>(server, "POST", "/api/applications", candidate);
    const typed = await callApi<ApplicationView>(
      server,
      "PUT",
      `/api/applications/${started.body.id}/candidate-type`,
      { cookie: candidate.cookie, body: { candidateType: "apprentice" } },
    );
    if (typed.status !== 200) throw new Error(`cannot prepare an application: ${typed.status}`);
    slots.push({ cookie: candidate.cookie, applicationId: typed.body.id, rev: typed.body.rev });
  }
  return {
    ready: { url: server.url, slots, sectionKey: SAVED_SECTION, sectionData },
    close: () => server.close(),
  };
});
