package cn.xuncha.system;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The county departments the procedure deals with (consulted by inquiry letter, receivers of
 * clues): the Camunda groups whose id starts with {@code dept-}, managed in the Admin webapp.
 */
@Component
public class Departments {

  static final String PREFIX = "dept-";

  private final IdentityService identityService;

  Departments(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** As options of a form's select, taglist or checklist. */
  public List<Map<String, String>> options() {
    return Unrestricted.lookup(() -> identityService.createGroupQuery().orderByGroupId().asc().list()).stream()
        .filter(group -> group.getId().startsWith(PREFIX))
        .map(group -> Map.of("label", name(group), "value", group.getId()))
        .toList();
  }

  public boolean exists(String groupId) {
    return groupId.startsWith(PREFIX) && Unrestricted.lookup(() -> identityService.createGroupQuery().groupId(groupId).count()) > 0;
  }

  private static String name(Group group) {
    return group.getName() == null ? group.getId() : group.getName();
  }
}
