import { describe, expect, it } from "vitest";
import { hubeiEdition } from "../../formEngine/test/hubeiEdition.js";
import { teacherRoles } from "@shenbao/rules";
import { needsWorkProof, requiredTeam } from "./requiredTeam.js";

describe("requiredTeam", () => {
  it("reads the roles from the list item's role options", async () => {
    const edition = await hubeiEdition();
    expect(teacherRoles(edition).map((role) => role.value)).toEqual(["recommender", "supervisor"]);
  });

  it("asks an apprentice for two recommenders and one supervisor", async () => {
    const edition = await hubeiEdition();
    const team = requiredTeam(edition, { candidateType: "apprentice", sections: {} });
    expect(Object.fromEntries(team ?? [])).toEqual({ recommender: 2, supervisor: 1 });
  });

  it("asks for a supervisor in practice only when the period reaches 2017-07-01", async () => {
    const edition = await hubeiEdition();
    const before = { practice: { period: { start: "2005-01-01", end: "2016-12-31" } } };
    const after = { practice: { period: { start: "2010-01-01", end: "2020-12-31" } } };
    const early = requiredTeam(edition, { candidateType: "practice", sections: before });
    const late = requiredTeam(edition, { candidateType: "practice", sections: after });
    expect(Object.fromEntries(early ?? [])).toEqual({ recommender: 2, supervisor: 0 });
    expect(Object.fromEntries(late ?? [])).toEqual({ recommender: 2, supervisor: 1 });
  });

  it("requires a work proof of recommenders only", async () => {
    const edition = await hubeiEdition();
    const answers = { candidateType: "apprentice", sections: {} };
    expect(needsWorkProof(edition, "recommender", answers)).toBe(true);
    expect(needsWorkProof(edition, "supervisor", answers)).toBe(false);
  });
});
