package cn.xuncha.security;

/** Camunda group ids of the roles in procedure.md §1; BPMN candidate groups use the same ids. */
public final class Roles {

  public static final String ADMIN = "camunda-admin";
  public static final String OFFICE = "office";
  public static final String LEADING_GROUP = "leading-group";
  public static final String COMMITTEE = "committee";
  /** Group type of the groups that take part in the procedure. */
  public static final String WORKFLOW = "WORKFLOW";

  private Roles() {
  }
}
