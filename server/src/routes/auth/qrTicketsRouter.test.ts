import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QR_TICKET, SESSION } from "../../auth/authSettings.js";
import { collectionsOf } from "../../store/collections.js";
import { signIn } from "../../../test/authClient.js";
import { CookieJar } from "../../../test/cookieJar.js";
import { ManualClock } from "../../../test/manualClock.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

const PHONE = "13912345678";

let clock: ManualClock;
let server: TestServer;

beforeEach(async () => {
  clock = new ManualClock();
  server = await startTestServer({ clock });
});
afterEach(async () => {
  await server.close();
});

interface Ticket {
  ticketId: string;
  qrPng: string;
  url: string;
  expiresAt: string;
  pollAfterMs: number;
}

/** A phone browser that is signed in with the phone code flow. */
async function signedInPhone(): Promise<CookieJar> {
  const phone = new CookieJar();
  const cookie = await signIn(server, PHONE);
  phone.take(new Response(null, { headers: { "Set-Cookie": cookie } }));
  return phone;
}

async function createTicket(pc: CookieJar): Promise<Ticket> {
  const response = await pc.fetch(`${server.url}/api/auth/qr-tickets`, { method: "POST" });
  expect(response.status).toBe(201);
  return (await response.json()) as Ticket;
}

function poll(browser: CookieJar, ticketId: string): Promise<Response> {
  return browser.fetch(`${server.url}/api/auth/qr-tickets/${ticketId}`);
}

/** What the phone page does with the link it opened: the ticket id and secret are in the fragment. */
function confirm(phone: CookieJar, ticket: Pick<Ticket, "url">): Promise<Response> {
  const [ticketId, secret] = new URL(ticket.url).hash.slice(1).split(".");
  return phone.fetch(`${server.url}/api/auth/qr-tickets/${ticketId}/confirm`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ secret }),
  });
}

async function statusOf(response: Response): Promise<string | undefined> {
  return ((await response.json()) as { status?: string }).status;
}

describe("POST /api/auth/qr-tickets", () => {
  it("answers a PNG QR code of the phone link, valid 2 minutes, and binds the ticket to this browser", async () => {
    const pc = new CookieJar();
    const ticket = await createTicket(pc);
    expect(ticket.qrPng).toMatch(/^data:image\/png;base64,/);
    expect(
      Buffer.from(ticket.qrPng.split(",")[1] ?? "", "base64")
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect(ticket.url).toMatch(new RegExp(`^${server.url}/qr-login#${ticket.ticketId}\\.[A-Za-z0-9_-]{43}$`));
    expect(ticket.expiresAt).toBe(new Date(clock.now() + QR_TICKET.ttlMs).toISOString());
    expect(pc.get(QR_TICKET.cookieName)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Only hashes are stored: neither secret appears in the ticket document.
    const stored = await collectionsOf(server.ports.store).loginTickets.get(ticket.ticketId);
    const storedText = JSON.stringify(stored);
    expect(stored?.state).toBe("pending");
    expect(storedText).not.toContain(new URL(ticket.url).hash.split(".")[1]);
    expect(storedText).not.toContain(pc.get(QR_TICKET.cookieName));
  });
});

describe("GET /api/auth/qr-tickets/:id", () => {
  it("signs the PC in once the signed-in phone confirmed", async () => {
    const pc = new CookieJar();
    const phone = await signedInPhone();
    const ticket = await createTicket(pc);

    const waiting = await poll(pc, ticket.ticketId);
    expect(await waiting.json()).toEqual({
      status: "pending",
      expiresAt: ticket.expiresAt,
      pollAfterMs: QR_TICKET.pollAfterMs,
    });
    expect(waiting.headers.get("cache-control")).toBe("no-store");

    const confirmed = await confirm(phone, ticket);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ status: "confirmed" });

    clock.advance(QR_TICKET.pollAfterMs);
    const done = await poll(pc, ticket.ticketId);
    const body = (await done.json()) as { status: string; user: { id: string; phone: string } };
    expect(body.status).toBe("confirmed");
    expect(body.user.phone).toBe("139****5678");
    const pcSession = pc.get(SESSION.cookieName);
    expect(pcSession).toBeDefined();
    expect(pcSession).not.toBe(phone.get(SESSION.cookieName));

    const pcMe = await pc.fetch(`${server.url}/api/me`);
    const phoneMe = await phone.fetch(`${server.url}/api/me`);
    expect(pcMe.status).toBe(200);
    expect(((await pcMe.json()) as { id: string }).id).toBe(((await phoneMe.json()) as { id: string }).id);
  });

  it("redeems a ticket only once, also when two polls arrive together", async () => {
    const pc = new CookieJar();
    const ticket = await createTicket(pc);
    await confirm(await signedInPhone(), ticket);
    const answers = await Promise.all([poll(pc, ticket.ticketId), poll(pc, ticket.ticketId)]);
    const statuses = await Promise.all(answers.map(statusOf));
    expect(statuses.sort()).toEqual(["confirmed", "expired"]);
    const sessionCookies = answers.filter((answer) =>
      answer.headers.getSetCookie().some((h) => h.startsWith(`${SESSION.cookieName}=`)),
    );
    expect(sessionCookies).toHaveLength(1);
    expect(await statusOf(await poll(pc, ticket.ticketId))).toBe("expired");
    const { items } = await collectionsOf(server.ports.store).sessions.find({});
    // The phone's session and exactly one for the PC.
    expect(items).toHaveLength(2);
  });

  it("reports an unconfirmed ticket expired after 2 minutes, and the phone can no longer confirm it", async () => {
    const pc = new CookieJar();
    const ticket = await createTicket(pc);
    clock.advance(QR_TICKET.ttlMs - 1);
    expect(await statusOf(await poll(pc, ticket.ticketId))).toBe("pending");
    clock.advance(1);
    expect(await statusOf(await poll(pc, ticket.ticketId))).toBe("expired");
    const late = await confirm(await signedInPhone(), ticket);
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({
      error: "qr_ticket_expired",
      message: "二维码已失效，请在电脑上刷新二维码后重新扫码",
    });
  });

  it("does not sign in a confirmed ticket after it expired", async () => {
    const pc = new CookieJar();
    const ticket = await createTicket(pc);
    await confirm(await signedInPhone(), ticket);
    clock.advance(QR_TICKET.ttlMs);
    expect(await statusOf(await poll(pc, ticket.ticketId))).toBe("expired");
    expect(pc.get(SESSION.cookieName)).toBeUndefined();
  });

  it("answers 404 to another browser, which cannot redeem a confirmed ticket", async () => {
    const pc = new CookieJar();
    const ticket = await createTicket(pc);
    await confirm(await signedInPhone(), ticket);

    const other = new CookieJar();
    await createTicket(other); // has a binding cookie of its own, just not this ticket's
    const stolen = await poll(other, ticket.ticketId);
    expect(stolen.status).toBe(404);
    expect(other.get(SESSION.cookieName)).toBeUndefined();
    expect((await poll(new CookieJar(), ticket.ticketId)).status).toBe(404);

    expect(await statusOf(await poll(pc, ticket.ticketId))).toBe("confirmed");
  });

  it("keeps a second tab's ticket valid when the same PC renews its QR code", async () => {
    const pc = new CookieJar();
    const first = await createTicket(pc);
    const second = await createTicket(pc);
    await confirm(await signedInPhone(), first);
    expect(await statusOf(await poll(pc, second.ticketId))).toBe("pending");
    expect(await statusOf(await poll(pc, first.ticketId))).toBe("confirmed");
  });
});

describe("POST /api/auth/qr-tickets/:id/confirm", () => {
  it("answers 401 「请先登录」 to a phone that is not signed in, and the ticket stays pending", async () => {
    const pc = new CookieJar();
    const ticket = await createTicket(pc);
    const response = await confirm(new CookieJar(), ticket);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "not_signed_in", message: "请先登录" });
    expect(await statusOf(await poll(pc, ticket.ticketId))).toBe("pending");
  });

  it("answers 404 for a wrong secret, so a ticket id alone confirms nothing", async () => {
    const pc = new CookieJar();
    const ticket = await createTicket(pc);
    const forged = { url: `${server.url}/qr-login#${ticket.ticketId}.${"A".repeat(43)}` };
    expect((await confirm(await signedInPhone(), forged)).status).toBe(404);
    expect(await statusOf(await poll(pc, ticket.ticketId))).toBe("pending");
  });

  it("refuses a second confirmation of the same QR code", async () => {
    const ticket = await createTicket(new CookieJar());
    const phone = await signedInPhone();
    expect((await confirm(phone, ticket)).status).toBe(200);
    expect((await confirm(phone, ticket)).status).toBe(410);
  });
});
