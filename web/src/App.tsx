/**
 * The console's routes; every page loads lazily so heavy pages do not weigh on the first screen.
 * The engineer's page belongs to the field app (src/field), a lighter shell of its own.
 */
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { RequireMe } from './components/RequireMe.tsx';
import { addWords } from './i18n.ts';
import { consoleEn, consoleZh } from './locales/console.ts';
import { OtherShell, Providers } from './providers.tsx';

// The console's pages' words, before any of them renders (the field app does without them).
addWords(consoleZh, consoleEn);

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const PasswordPage = lazy(() => import('./pages/PasswordPage.tsx'));
const RegionsPage = lazy(() => import('./pages/RegionsPage.tsx'));
const OrdersPage = lazy(() => import('./pages/orders/OrdersPage.tsx'));
const IntakePage = lazy(() => import('./pages/orders/IntakePage.tsx'));
const OrderDetailPage = lazy(() => import('./pages/orders/OrderDetailPage.tsx'));
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const CustomerPage = lazy(() => import('./pages/CustomerPage.tsx'));
const PartnersPage = lazy(() => import('./pages/admin/PartnersPage.tsx'));
const PeoplePage = lazy(() => import('./pages/admin/PeoplePage.tsx'));
const CustomersPage = lazy(() => import('./pages/admin/CustomersPage.tsx'));
const SitesPage = lazy(() => import('./pages/admin/SitesPage.tsx'));
const EquipmentPage = lazy(() => import('./pages/admin/EquipmentPage.tsx'));
const GroupRobotsPage = lazy(() => import('./pages/robots/GroupRobotsPage.tsx'));
const DeadlinePoliciesPage = lazy(() => import('./pages/settings/DeadlinePoliciesPage.tsx'));
const CalendarsPage = lazy(() => import('./pages/settings/CalendarsPage.tsx'));
const LaddersPage = lazy(() => import('./pages/settings/LaddersPage.tsx'));
const ChecklistsPage = lazy(() => import('./pages/settings/ChecklistsPage.tsx'));
const InboxPage = lazy(() => import('./pages/inbox/InboxPage.tsx'));
const MyOrdersPage = lazy(() => import('./pages/self-service/MyOrdersPage.tsx'));
const DeadlinesPage = lazy(() => import('./pages/DeadlinesPage.tsx'));
const PlanPage = lazy(() => import('./pages/plans/PlanPage.tsx'));
const OperationsPage = lazy(() => import('./pages/operations/OperationsPage.tsx'));
const OperationDetailPage = lazy(() => import('./pages/operations/OperationDetailPage.tsx'));
const PlanEditorPage = lazy(() => import('./pages/operations/PlanEditorPage.tsx'));
const ApprovalInboxPage = lazy(() => import('./pages/operations/ApprovalInboxPage.tsx'));
const DutyPage = lazy(() => import('./pages/duty/DutyPage.tsx'));
const LexiconPage = lazy(() => import('./pages/wording/LexiconPage.tsx'));
const TemplatesPage = lazy(() => import('./pages/templates/TemplatesPage.tsx'));
const ComplaintsPage = lazy(() => import('./pages/complaints/ComplaintsPage.tsx'));
const SatisfactionPage = lazy(() => import('./pages/complaints/SatisfactionPage.tsx'));
const AssessmentPage = lazy(() => import('./pages/assessment/AssessmentPage.tsx'));
const AssessmentDefinitionsPage = lazy(() => import('./pages/assessment/DefinitionsPage.tsx'));
const DepotsPage = lazy(() => import('./pages/resources/DepotsPage.tsx'));
const AssetsPage = lazy(() => import('./pages/resources/AssetsPage.tsx'));
const LedgerPage = lazy(() => import('./pages/resources/LedgerPage.tsx'));
const CapacityPage = lazy(() => import('./pages/capacity/CapacityPage.tsx'));
const InspectionsPage = lazy(() => import('./pages/capacity/InspectionsPage.tsx'));
const AssessmentSchemePage = lazy(() => import('./pages/assessment/SchemePage.tsx'));

/** The whole console. */
export function App() {
  return (
    <Providers>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/c/:token" element={<CustomerPage />} />
        <Route element={<RequireMe layout={AppLayout} />}>
          <Route index element={<HomePage />} />
          <Route path="account/password" element={<PasswordPage />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="orders/new" element={<IntakePage />} />
          <Route path="orders/:id" element={<OrderDetailPage />} />
          <Route path="engineer" element={<OtherShell />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="my" element={<MyOrdersPage />} />
          <Route path="deadlines" element={<DeadlinesPage />} />
          <Route path="plans" element={<PlanPage />} />
          <Route path="operations" element={<OperationsPage />} />
          <Route path="operations/:id" element={<OperationDetailPage />} />
          <Route path="operations/new" element={<PlanEditorPage />} />
          <Route path="operations/:id/edit" element={<PlanEditorPage />} />
          <Route path="operations/approvals" element={<ApprovalInboxPage />} />
          <Route path="admin/duty" element={<DutyPage />} />
          <Route path="complaints" element={<ComplaintsPage />} />
          <Route path="satisfaction" element={<SatisfactionPage />} />
          <Route path="assessment" element={<AssessmentPage />} />
          <Route path="assessment/definitions" element={<AssessmentDefinitionsPage />} />
          <Route path="assessment/scheme" element={<AssessmentSchemePage />} />
          <Route path="admin/templates" element={<TemplatesPage />} />
          <Route path="admin/wording" element={<LexiconPage />} />
          <Route path="admin/regions" element={<RegionsPage />} />
          <Route path="admin/partners" element={<PartnersPage />} />
          <Route path="admin/people" element={<PeoplePage />} />
          <Route path="admin/customers" element={<CustomersPage />} />
          <Route path="admin/sites" element={<SitesPage />} />
          <Route path="admin/equipment" element={<EquipmentPage />} />
          <Route path="admin/group-robots" element={<GroupRobotsPage />} />
          <Route path="admin/deadline-policies" element={<DeadlinePoliciesPage />} />
          <Route path="admin/calendars" element={<CalendarsPage />} />
          <Route path="admin/escalation-ladders" element={<LaddersPage />} />
          <Route path="admin/checklists" element={<ChecklistsPage />} />
          <Route path="resources/depots" element={<DepotsPage />} />
          <Route path="resources/assets" element={<AssetsPage />} />
          <Route path="resources/ledger" element={<LedgerPage />} />
          <Route path="capacity" element={<CapacityPage />} />
          <Route path="inspections" element={<InspectionsPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </Providers>
  );
}

export default App;
