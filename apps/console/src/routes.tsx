import type { RouteObject } from 'react-router';
import { ApprovalsPage } from './pages/approvals/approvals.page';
import { MeasurePage } from './pages/approvals/measure.page';
import { ProposeMeasurePage } from './pages/approvals/propose-measure.page';
import { CasePage } from './pages/cases/case.page';
import { FindCasesPage } from './pages/cases/find-cases.page';
import { HomePage } from './pages/home.page';
import { ApplyAfterSondagePage } from './pages/intake/apply-after-sondage.page';
import { MyCasesPage } from './pages/intake/my-cases.page';
import { RegisterCasePage } from './pages/intake/register-case.page';
import { NotFoundPage } from './pages/not-found.page';
import { DecisionsPage } from './pages/oversight/decisions.page';
import { OversightPage } from './pages/oversight/oversight.page';
import { ReplayPage } from './pages/oversight/replay.page';
import { WhatIfPage } from './pages/oversight/what-if.page';
import { WorkQueuesPage } from './pages/queues/work-queues.page';
import { ReportsPage } from './pages/reports/reports.page';

/** Every page of the console, under /console. */
export const routes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'intake/new', element: <RegisterCasePage /> },
  { path: 'intake/cases', element: <MyCasesPage /> },
  { path: 'queues', element: <WorkQueuesPage /> },
  { path: 'cases', element: <FindCasesPage /> },
  { path: 'cases/:id/apply', element: <ApplyAfterSondagePage /> },
  { path: 'cases/:id', element: <CasePage /> },
  { path: 'approvals', element: <ApprovalsPage /> },
  { path: 'measures/new', element: <ProposeMeasurePage /> },
  { path: 'measures/:id', element: <MeasurePage /> },
  { path: 'oversight', element: <OversightPage /> },
  { path: 'oversight/cases/:id', element: <ReplayPage /> },
  { path: 'oversight/decisions', element: <DecisionsPage /> },
  { path: 'oversight/what-if', element: <WhatIfPage /> },
  { path: 'reports', element: <ReportsPage /> },
  { path: '*', element: <NotFoundPage /> },
];
