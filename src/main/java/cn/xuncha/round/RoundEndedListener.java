package cn.xuncha.round;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** When every team has withdrawn and the round ends, its teams' groups are retired ({@link TeamGroups#retire}). */
@Component("roundEnded")
class RoundEndedListener implements ExecutionListener {

  private final TeamGroups teamGroups;

  RoundEndedListener(TeamGroups teamGroups) {
    this.teamGroups = teamGroups;
  }

  @Override
  public void notify(DelegateExecution execution) {
    teamGroups.retire(execution.getProcessBusinessKey());
  }
}
