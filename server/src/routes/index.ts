/** Every API router, in mounting order; each resource folder contributes one. */
import type Router from "@koa/router";
import type { AppDeps, AppState } from "../app.js";
import { authRouter } from "./auth/authRouter.js";
import { qrTicketsRouter } from "./auth/qrTicketsRouter.js";
import { wechatRouter } from "./auth/wechatRouter.js";
import { adminBootstrapRouter } from "./admin/adminBootstrapRouter.js";
import { healthzRouter } from "./healthz/healthzRouter.js";
import { meRouter } from "./me/meRouter.js";
import { attachmentsRouter } from "./attachments/attachmentsRouter.js";
import { applicationPdfRouter } from "./applicationPdf/applicationPdfRouter.js";
import { identityRouter } from "./identity/identityRouter.js";
import { identityRequestsRouter } from "./identity/identityRequestsRouter.js";
import { teachersRouter } from "./teachers/teachersRouter.js";
import { editionsRouter } from "./editions/editionsRouter.js";
import { applicationsRouter } from "./applications/applicationsRouter.js";
import { invitationsRouter } from "./invitations/invitationsRouter.js";
import { teacherInvitationsRouter } from "./teacherInvitations/teacherInvitationsRouter.js";
import { queueAdminRouter } from "./admin/queueAdminRouter.js";
import { registryAdminRouter } from "./registryAdmin/registryAdminRouter.js";
import { editionsAdminRouter } from "./editionsAdmin/editionsAdminRouter.js";
import { reviewRouter } from "./review/reviewRouter.js";
import { reviewersAdminRouter } from "./reviewersAdmin/reviewersAdminRouter.js";

/** Builds the routers of the API from the app's dependencies. */
export function apiRouters(deps: AppDeps): Router<AppState>[] {
  return [
    healthzRouter(deps.ports, { identityCheck: deps.identity.check }),
    authRouter(deps),
    wechatRouter(deps),
    qrTicketsRouter(deps),
    adminBootstrapRouter(deps),
    meRouter(deps),
    attachmentsRouter(deps),
    applicationPdfRouter(deps),
    identityRouter(deps),
    identityRequestsRouter(deps),
    teachersRouter(deps),
    editionsRouter(deps),
    applicationsRouter(deps),
    invitationsRouter(deps),
    teacherInvitationsRouter(deps),
    queueAdminRouter(deps),
    registryAdminRouter(deps),
    editionsAdminRouter(deps),
    reviewRouter(deps),
    reviewersAdminRouter(deps),
  ];
}
