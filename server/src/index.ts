/**
 * The server's public surface for other workspaces: the JSON shapes its presenters answer with. The renderer
 * imports these with `import type` only (ARCHITECTURE.md), so no server code reaches a browser bundle.
 */
export type { MeView } from "./presenters/mePresenter.js";
export type { AdminIdentityView, AutoCheckView, IdentityView } from "./presenters/identityPresenter.js";
export type { IdDocType, IdentityCheckDescription } from "./ports/identityCheck.js";
export type {
  ApplicationDetailsView,
  ApplicationView,
  SectionView,
  TaskStatus,
  TaskView,
} from "./presenters/applicationPresenter.js";
export type { AttachmentView } from "./presenters/attachmentPresenter.js";
export type { EditionVersionView, PortalView } from "./presenters/editionPresenter.js";
export type { CandidateInvitationView, TeacherInvitationView } from "./presenters/invitationPresenter.js";
export type { TeacherLookupView } from "./presenters/teacherLookupPresenter.js";
export type { InvitationSummary } from "./invitations/invitationSummary.js";
export type { InvitationState } from "./invitations/invitationStates.js";
export type {
  AuditEventView,
  ReviewApplicationView,
  ReviewQueueItem,
  ReviewSectionView,
  ReviewTeacherView,
} from "./presenters/reviewPresenter.js";
export type { FieldComment, ReviewLevel, ReviewStage } from "./store/collections.js";
