package cn.xuncha.system;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** The department's name as Admin shows it, or its id when it has none; empty when there is no such group. */
  public Optional<String> name(String groupId) {
    return Optional.ofNullable(Unrestricted.lookup(() -> identityService.createGroupQuery().groupId(groupId).singleResult()))
        .map(Departments::name);
  }

  private static String name(Group group) {
    return group.getName() == null ? group.getId() : group.getName();
  }
}
