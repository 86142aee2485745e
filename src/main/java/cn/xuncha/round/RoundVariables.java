package cn.xuncha.round;

/** Names of the process variables of step 1 that are not plan fields (see {@link RoundPlanForm}). */
public final class RoundVariables {

  /** Start form: "sample" loads the sample round into the new plan, "blank" starts empty. */
  static final String PRESET = "preset";
  /** Shown on the office's task after a return. */
  static final String RETURN_COMMENT = "returnComment";
  /** The plan as Markdown on the reviewers' form. */
  static final String PLAN_SUMMARY = "planSummary";
  /** Who decides what on the reviewers' form: 领导小组审议 or 县委审批 (办法 第十八条(一)). */
  static final String REVIEW_HEADING = "reviewHeading";
  /** The department groups the plan form offers for inquiry letters. */
  static final String DEPARTMENT_OPTIONS = "departmentOptions";
  /** The teams the plan form offers for a unit's team, by name; the value is the team number. */
  static final String TEAM_OPTIONS = "teamOptions";
  /** The pool people the plan form offers as a team's leader (组长库) and as its other people, by name; the value is the account. */
  static final String LEADER_OPTIONS = "leaderOptions";
  static final String PEOPLE_OPTIONS = "peopleOptions";
  /** The groups the plan form offers as a unit's account, by name: every group that is not a team's, a department's or a role's. */
  static final String UNIT_GROUP_OPTIONS = "unitGroupOptions";

  /** Set when the plan is approved; the later steps' expressions name the round and its dates by these. */
  public static final String ROUND_KEY = "roundKey";
  public static final String ENTRY_DATE = "entryDate";
  public static final String WITHDRAWAL_DATE = "withdrawalDate";
  public static final String PLAN_FILING_DATE = "planFilingDate";
  /** In each unit's process: the unit's group and the group of the team inspecting it. */
  public static final String UNIT_GROUP = "unitGroup";
  public static final String TEAM_GROUP = "teamGroup";
  /** In each unit's process: the id of the unit's row (xc_unit), by which its tasks find it. */
  public static final String UNIT_ID = "unitId";
  /** The day the leading group approved the report: starts the 10 days to the secretary's meeting. */
  public static final String REPORT_HEARD_ON = "reportHeardOn";

  private RoundVariables() {
  }
}
