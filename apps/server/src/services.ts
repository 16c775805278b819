/** The services of the application, built once per app from the configuration and the database.
 * Route modules take this type from here (not from app.ts, which imports the routes). */
import type { Config } from './config.ts';
import type { Database } from './db/open.ts';
import { FileStore } from './lib/fileStore.ts';
import { AuditService } from './modules/audit/service.ts';
import { AuthService } from './modules/auth/service.ts';
import { cycleServices, type CycleServices } from './modules/cycles/services.ts';
import { EvidenceService } from './modules/evidence/service.ts';
import { FrameworkService } from './modules/frameworks/service.ts';
import { NoticeService } from './modules/notices/service.ts';
import { RankGroupService } from './modules/results/groups.ts';
import { ReportSeriesService } from './modules/reports/series.ts';
import { ReportService } from './modules/reports/service.ts';
import { ReportSubmissionService } from './modules/reports/submissions.ts';
import { ResultImportService } from './modules/results/importer.ts';
import { ResultService } from './modules/results/service.ts';
import { SurveyAgencyService } from './modules/surveyAgency/service.ts';
import { SurveyPostauditService } from './modules/surveyPostaudit/service.ts';
import { SurveyBallotImportService } from './modules/surveyBallots/importer.ts';
import { SurveyBallotService } from './modules/surveyBallots/service.ts';
import { SurveyPointsService } from './modules/surveyPoints/service.ts';
import { SurveyCampaignService } from './modules/surveys/campaigns.ts';
import { SurveyFormService } from './modules/surveys/forms.ts';
import { SurveyCampaignEditService } from './modules/surveys/campaignEdit.ts';
import { SurveyCopyDownService } from './modules/surveys/copyDown.ts';
import { SurveyTargetImportService } from './modules/surveys/targetImport.ts';
import { PublicSurveyService } from './modules/surveyPublic/service.ts';
import { SurveyResultService } from './modules/surveyResults/service.ts';
import { SystemService } from './modules/system/service.ts';
import { ReorgService } from './modules/units/reorg.ts';
import { UnitService } from './modules/units/service.ts';
import { UserService } from './modules/users/service.ts';
import { WorkService } from './modules/work/service.ts';
import { CalendarService } from './modules/calendar/service.ts';
import { PlanService } from './modules/plans/service.ts';
import { TaskInstanceService } from './modules/tasks/instances.ts';
import { TaskService } from './modules/tasks/service.ts';
import { PlanTextService } from './modules/plans/document.ts';
import { ImprovementService } from './modules/improvement/service.ts';
import { ActivityService } from './modules/activities/service.ts';
import { CountPointsService } from './modules/activities/countPoints.ts';

export interface Services extends CycleServices {
  config: Config;
  database: Database;
  auth: AuthService;
  units: UnitService;
  reorg: ReorgService;
  users: UserService;
  audit: AuditService;
  frameworks: FrameworkService;
  results: ResultService;
  resultImport: ResultImportService;
  rankGroups: RankGroupService;
  evidence: EvidenceService;
  notices: NoticeService;
  system: SystemService;
  work: WorkService;
  surveyForms: SurveyFormService;
  surveyCampaigns: SurveyCampaignService;
  surveyCampaignEdit: SurveyCampaignEditService;
  surveyTargetImport: SurveyTargetImportService;
  surveyCopyDown: SurveyCopyDownService;
  surveyAgency: SurveyAgencyService;
  surveyPostaudit: SurveyPostauditService;
  surveyPublic: PublicSurveyService;
  surveyBallots: SurveyBallotService;
  surveyBallotImport: SurveyBallotImportService;
  surveyResults: SurveyResultService;
  reports: ReportService;
  reportSubmissions: ReportSubmissionService;
  reportSeries: ReportSeriesService;
  surveyPoints: SurveyPointsService;
  calendar: CalendarService;
  plans: PlanService;
  tasks: TaskService;
  taskInstances: TaskInstanceService;
  planText: PlanTextService;
  improvement: ImprovementService;
  activities: ActivityService;
  countPoints: CountPointsService;
}

export function buildServices(config: Config, database: Database): Services {
  const units = new UnitService(database.db);
  return {
    config,
    database,
    auth: new AuthService(database.db, config),
    units,
    reorg: new ReorgService(database.db, units),
    users: new UserService(database.db),
    audit: new AuditService(database.db),
    frameworks: new FrameworkService(database.db),
    results: new ResultService(database.db),
    resultImport: new ResultImportService(database.db),
    rankGroups: new RankGroupService(database.db),
    evidence: new EvidenceService(database.db, new FileStore(config.filesDir), config.uploadMaxBytes),
    ...cycleServices(database.db),
    notices: new NoticeService(database.db, config.smtpUrl, config.mailFrom),
    system: new SystemService(database.db),
    work: new WorkService(database.db),
    surveyForms: new SurveyFormService(database.db),
    surveyCampaigns: new SurveyCampaignService(database.db),
    surveyCampaignEdit: new SurveyCampaignEditService(database.db),
    surveyTargetImport: new SurveyTargetImportService(database.db),
    surveyCopyDown: new SurveyCopyDownService(database.db),
    surveyAgency: new SurveyAgencyService(database.db),
    surveyPostaudit: new SurveyPostauditService(database.db),
    surveyPublic: new PublicSurveyService(database.db, config.surveyPerAddressPerHour, database.prepared),
    surveyBallots: new SurveyBallotService(database.db),
    surveyBallotImport: new SurveyBallotImportService(database.db),
    surveyResults: new SurveyResultService(database.db),
    reports: new ReportService(database.db),
    reportSeries: new ReportSeriesService(database.db),
    reportSubmissions: new ReportSubmissionService(
      database.db,
      new FileStore(config.filesDir),
      config.uploadMaxBytes,
    ),
    surveyPoints: new SurveyPointsService(database.db),
    calendar: new CalendarService(database.db),
    plans: new PlanService(database.db),
    tasks: new TaskService(database.db),
    taskInstances: new TaskInstanceService(database.db),
    planText: new PlanTextService(database.db),
    improvement: new ImprovementService(database.db),
    activities: new ActivityService(database.db),
    countPoints: new CountPointsService(database.db),
  };
}
