/** Vendor assessment tables (VA-2); DB extends them. JSON columns are text on both databases. */

/** The operator's scheme: `items` is JSON of SchemeItem[] (assessment.scoring.ts). */
export interface AssessmentSchemeTable {
  id: string;
  items: string;
  penalty_per_violation: number;
  version: number;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A frozen monthly scorecard revision; `scheme` and `rows` are JSON; never updated or deleted. */
export interface AssessmentScorecardTable {
  id: string;
  month: string;
  revision: number;
  reason: string | null;
  scheme: string;
  rows: string;
  created_by: string | null;
  created_at: string;
}

export type CommentSide = 'operator' | 'partner';

export interface AssessmentCommentTable {
  id: string;
  month: string;
  partner_id: string;
  author_id: string;
  author_side: CommentSide;
  body: string;
  created_at: string;
}

export interface AssessmentTables {
  assessment_schemes: AssessmentSchemeTable;
  assessment_scorecards: AssessmentScorecardTable;
  assessment_comments: AssessmentCommentTable;
}
