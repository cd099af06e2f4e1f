/**
 * Every route of the candidate app. Each scene is its own chunk (`React.lazy`), and antd comes only with
 * the scenes that need it, so the portal home and sign-in load little JavaScript on a phone.
 */
import { lazy, Suspense, type ComponentType } from "react";
import type { RouteObject } from "react-router";
import { PageLoading } from "../ui/PageState.js";
import { AppShell, ShellError } from "./AppShell.js";

type Loader = () => Promise<ComponentType>;

// Plain scenes (no antd): the first pages a candidate sees.
const plain = (load: Loader) => lazy(async () => ({ default: await load() }));

// antd scenes: the scene and the antd scope load together, in parallel.
const withAntd = (load: Loader) =>
  lazy(async () => {
    const [{ AntdScope }, Scene] = await Promise.all([import("../ui/AntdScope.js"), load()]);
    return {
      default: function AntdScene() {
        return (
          <AntdScope>
            <Scene />
          </AntdScope>
        );
      },
    };
  });

const Home = plain(() => import("../scenes/Home/Home.js").then((m) => m.Home));
const SignIn = plain(() => import("../scenes/SignIn/SignIn.js").then((m) => m.SignIn));
const QrConfirm = plain(() => import("../scenes/SignIn/QrConfirm.js").then((m) => m.QrConfirm));
const AdminBootstrap = plain(() =>
  import("../scenes/AdminBootstrap/AdminBootstrap.js").then((m) => m.AdminBootstrap),
);
const NotFound = plain(() => import("../scenes/NotFound/NotFound.js").then((m) => m.NotFound));
const Profile = withAntd(() => import("../scenes/Profile/Profile.js").then((m) => m.Profile));
const Identity = withAntd(() => import("../scenes/Identity/Identity.js").then((m) => m.Identity));
const Application = withAntd(() => import("../scenes/Application/Application.js").then((m) => m.Application));
const ApplicationDetails = withAntd(() =>
  import("../scenes/Application/ApplicationDetails.js").then((m) => m.ApplicationDetails),
);
const Section = withAntd(() => import("../scenes/Section/Section.js").then((m) => m.Section));
const Recommenders = withAntd(() =>
  import("../scenes/Recommenders/Recommenders.js").then((m) => m.Recommenders),
);
const Teacher = withAntd(() => import("../scenes/Teacher/Teacher.js").then((m) => m.Teacher));
const IdentityReview = withAntd(() =>
  import("../scenes/Admin/IdentityReview.js").then((m) => m.IdentityReview),
);
const ReviewQueue = withAntd(() => import("../scenes/Review/ReviewQueue.js").then((m) => m.ReviewQueue));
const ReviewApplication = withAntd(() =>
  import("../scenes/Review/ReviewApplication.js").then((m) => m.ReviewApplication),
);
const PublicList = withAntd(() => import("../scenes/Review/PublicList.js").then((m) => m.PublicList));
const AdminReviewers = withAntd(() =>
  import("../scenes/Review/AdminReviewers.js").then((m) => m.AdminReviewers),
);
const AdminRegistry = withAntd(() =>
  import("../scenes/AdminRegistry/AdminRegistry.js").then((m) => m.AdminRegistry),
);

const EditionsList = withAntd(() => import("../scenes/Studio/EditionsList.js").then((m) => m.EditionsList));
const DraftStudio = withAntd(() => import("../scenes/Studio/DraftStudio.js").then((m) => m.DraftStudio));

/** The route table: paths are what links, e2e tests and the server (QR and bootstrap links) use. */
export const routes: RouteObject[] = [
  {
    path: "/",
    element: <AppShell />,
    errorElement: <ShellError />,
    children: [
      { index: true, element: <Home /> },
      { path: "login", element: <SignIn /> },
      // The server puts `#<ticket>.<secret>` after /qr-login; /scan/:ticketId#<secret> is the same page.
      { path: "qr-login", element: <QrConfirm /> },
      { path: "scan/:ticketId", element: <QrConfirm /> },
      { path: "me", element: <Profile /> },
      { path: "identity", element: <Identity /> },
      { path: "apply", element: <Application /> },
      { path: "apply/details", element: <ApplicationDetails /> },
      { path: "apply/teachers", element: <Recommenders /> },
      { path: "apply/sections/:key", element: <Section /> },
      { path: "admin/identity-requests", element: <IdentityReview /> },
      { path: "admin/registry", element: <AdminRegistry /> },
      { path: "admin/reviewers", element: <AdminReviewers /> },
      { path: "admin/editions", element: <EditionsList /> },
      { path: "admin/editions/:key/:version", element: <DraftStudio /> },
      { path: "review", element: <ReviewQueue /> },
      { path: "review/public-list", element: <PublicList /> },
      { path: "review/:id", element: <ReviewApplication /> },
      { path: "admin/bootstrap", element: <AdminBootstrap /> },
      { path: "*", element: <NotFound /> },
    ],
  },
  // The teacher's link (TCH-4): no account, no header or sign-in prompt, only the evaluation steps.
  {
    path: "/t/:token",
    errorElement: <ShellError />,
    element: (
      <Suspense fallback={<PageLoading />}>
        <Teacher />
      </Suspense>
    ),
  },
];
