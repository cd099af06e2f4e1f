/**
 * Factories for review tests (issue 10): reviewers with a scope, and candidates whose application is
 * submitted with its on-site county set to a chosen county. Section keys come from the edition's bindings
 * and examples, never from TypeScript literals.
 */
import { editionBindings, type Edition } from "@shenbao/rules";
import { applicationStarter } from "../src/commands/applicationStarter.js";
import { candidateTypeChooser } from "../src/commands/candidateTypeChooser.js";
import { collectionsOf, type ReviewLevel } from "../src/store/collections.js";
import {
  buildCandidate,
  callApi,
  fillFromExample,
  validApplicationAnswers,
  writeSectionDirectly,
  type TestCandidate,
} from "./factories.js";
import type { TestServer } from "./testApp.js";

/** A signed-in reviewer of `division` at `level`. */
export async function buildReviewer(
  server: TestServer,
  level: ReviewLevel,
  division: string,
): Promise<TestCandidate> {
  const reviewer = await buildCandidate(server, { verified: false });
  const { users } = collectionsOf(server.ports.store);
  const user = (await users.get(reviewer.userId))!;
  const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = user;
  await users.replace(_id, rev, {
    ...fields,
    roles: ["reviewer"],
    reviewerScope: { level, division, appointedBy: "system:test", appointedAt: 0 },
  });
  return reviewer;
}

/**
 * A candidate whose apprentice application (the edition's valid example, signed teachers written as the
 * invitation flow would) is submitted with `county` as the on-site county.
 */
export async function submittedApplication(
  server: TestServer,
  edition: Edition,
  county: string,
): Promise<{ candidate: TestCandidate; applicationId: string }> {
  const { store } = server.ports;
  const { clock } = server.services;
  const candidate = await buildCandidate(server);
  let { application } = await applicationStarter({ store, clock }, { userId: candidate.userId });
  application = await candidateTypeChooser(
    { store, clock },
    { application, actor: candidate.userId, candidateType: "apprentice", confirm: false },
  );
  application = await fillFromExample({ store, clock, edition }, application, "apprentice");
  const answers = validApplicationAnswers(edition, "apprentice");
  const teachers = editionBindings(edition).teacherList!.section;
  application = await writeSectionDirectly(store, application, teachers, {
    data: answers.sections[teachers] ?? {},
  });
  // The on-site county is the edition's rule over the answers; the example's first location field decides it.
  const [located] = Object.entries(application.sections).filter(([, record]) => {
    const location = record.data.location as { division?: unknown } | undefined;
    return typeof location?.division === "string";
  });
  if (located === undefined) throw new Error("the example names no location division");
  const [key, record] = located;
  application = await writeSectionDirectly(store, application, key, {
    data: { ...record.data, location: { ...(record.data.location as object), division: county } },
  });
  const submitted = await callApi(server, "POST", `/api/applications/${application._id}/submit`, {
    cookie: candidate.cookie,
    body: { rev: application.rev },
  });
  if (submitted.status !== 200) throw new Error(`submit failed: ${JSON.stringify(submitted.body)}`);
  return { candidate, applicationId: application._id };
}
