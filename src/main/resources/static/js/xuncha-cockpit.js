// Loaded by Cockpit (customScripts in its config.js): Cockpit as a leader reads it.
//
// 1. Every process instance named by its round and unit. Cockpit lists instances by id and business
//    key (round-5acb…/unit1); beside each, in the instance lists, the called-instance lists, the
//    page header and the information panel, this writes the names the application keeps on the
//    instance (variables roundLabel, unitLabel, teamLabel, departmentLabel, set by
//    cn.xuncha.round.InstanceNames): “十五届县委第二轮巡察 · 赵村镇党委”. An instance without them
//    (the round's spine, named before its plan was approved) borrows the round's name from another
//    instance of the round (same business key before “/”). Reads go through the webapps' engine API,
//    so a user sees the names of the instances the engine lets them read, and no others.
// 2. Step diagrams readable as they open: Cockpit fits the whole diagram into its pane, which shrinks
//    a step of the procedure to less than half its size; a diagram that would open smaller than
//    MIN_ZOOM opens at MIN_ZOOM from its left edge instead, to be panned (the zoom buttons and
//    “恢复原始大小” work as before).
const API = '/camunda/api/engine/engine/default';
const OWN = ['unitLabel', 'teamLabel', 'departmentLabel'];
const MIN_ZOOM = 0.9;
const INSTANCE_LINK = /#\/process-instance\/([0-9a-f-]{36})(?:[/?]|$)/;

const labels = new Map(); // instance id -> Promise of its label ('' when it has none)
const roundNames = new Map(); // round business key -> Promise of the round's name

async function get(path) {
  const response = await fetch(API + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : [];
}

/** The names of the instances' own scope (variableName → value) by instance id. */
async function namesOf(ids) {
  const variables = await get(`/variable-instance?variableNameLike=%25Label&processInstanceIdIn=${ids.join(',')}`
    + `&deserializeValues=false&maxResults=${ids.length * 8}`);
  const names = new Map(ids.map((id) => [id, {}]));
  for (const variable of variables) {
    if (variable.executionId === variable.processInstanceId && names.has(variable.processInstanceId)) {
      names.get(variable.processInstanceId)[variable.name] = variable.value;
    }
  }
  return names;
}

function roundName(roundKey) {
  if (!roundNames.has(roundKey)) {
    roundNames.set(roundKey, (async () => {
      const instances = await get(`/process-instance?businessKey=${encodeURIComponent(roundKey)}&maxResults=50`);
      const names = instances.length ? await namesOf(instances.map((instance) => instance.id)) : new Map();
      return [...names.values()].map((own) => own.roundLabel).find(Boolean) || '';
    })());
  }
  return roundNames.get(roundKey);
}

async function resolve(ids) {
  const names = await namesOf(ids);
  const unnamed = ids.filter((id) => !names.get(id).roundLabel);
  const keys = unnamed.length ? await get(`/process-instance?processInstanceIds=${unnamed.join(',')}&maxResults=${unnamed.length}`) : [];
  for (const instance of keys) {
    if (instance.businessKey) {
      names.get(instance.id).roundLabel = await roundName(instance.businessKey.split(/[/#]/)[0]);
    }
  }
  return names;
}

let waiting = [];
let batch = null;

/** The label of an instance; lookups of one screen go out together. */
function label(id) {
  if (!labels.has(id)) {
    labels.set(id, new Promise((done) => {
      waiting.push([id, done]);
      batch = batch || setTimeout(async () => {
        const requests = waiting;
        waiting = [];
        batch = null;
        let names = new Map();
        try {
          names = await resolve(requests.map(([requested]) => requested));
        } catch (failed) {
          // the ids stay as Cockpit shows them
        }
        for (const [requested, answer] of requests) {
          const own = names.get(requested) || {};
          answer([own.roundLabel, ...OWN.map((name) => own[name])].filter(Boolean).slice(0, 2).join(' · '));
        }
      }, 50);
    }));
  }
  return labels.get(id);
}

function show(after, id, className) {
  if (after.dataset.xunchaLabelled === id) {
    return;
  }
  after.dataset.xunchaLabelled = id;
  label(id).then((text) => {
    const next = after.nextElementSibling;
    if (next && next.classList.contains('xuncha-instance-label')) {
      next.remove();
    }
    if (text && after.isConnected) {
      const span = document.createElement('span');
      span.className = 'xuncha-instance-label ' + className;
      span.textContent = text;
      after.insertAdjacentElement('afterend', span);
    }
  });
}

/** The last element in {@code parent} other than a label of ours, else {@code parent} itself. */
function lastOf(parent) {
  const children = [...parent.children].filter((child) => !child.classList.contains('xuncha-instance-label'));
  return children.length ? children[children.length - 1] : parent;
}

function labelInstances() {
  // The lists: each link that shows an instance's id gets its label; in a list with a business-key
  // column the label goes beside the key instead.
  for (const link of document.querySelectorAll('a[href*="#/process-instance/"]')) {
    const match = link.getAttribute('href').match(INSTANCE_LINK);
    if (!match || link.textContent.trim() !== match[1]) {
      continue;
    }
    const keyCell = link.closest('tr') && link.closest('tr').querySelector('td.business-key > span');
    show(keyCell || link, match[1], keyCell ? 'beside-key' : 'beside-id');
  }
  // The header of an instance's page: its breadcrumb and the information panel's business key.
  const page = location.hash.match(INSTANCE_LINK);
  if (page) {
    for (const crumb of document.querySelectorAll('.cam-breadcrumb .text')) {
      if (crumb.textContent.trim() === page[1]) {
        show(crumb, page[1], 'in-header');
      }
    }
    for (const term of document.querySelectorAll('dt')) {
      if (term.textContent.trim().startsWith('业务键') && term.nextElementSibling) {
        show(lastOf(term.nextElementSibling), page[1], 'in-information');
      }
    }
  }
}

const zoomed = new WeakSet(); // the diagrams (Cockpit's diagram data) opened at a readable zoom

function readableDiagrams() {
  if (!window.angular) {
    return;
  }
  for (const element of document.querySelectorAll('[cam-widget-bpmn-viewer]')) {
    const scope = window.angular.element(element).isolateScope();
    const control = scope && scope.control;
    if (!control || !scope.diagramData || !control.isLoaded() || zoomed.has(scope.diagramData)) {
      continue;
    }
    zoomed.add(scope.diagramData);
    const canvas = control.getViewer().get('canvas');
    const box = canvas.viewbox();
    if (box.scale < MIN_ZOOM) {
      canvas.viewbox({ x: box.inner.x - 20, y: box.inner.y - 20, width: box.outer.width / MIN_ZOOM, height: box.outer.height / MIN_ZOOM });
    }
  }
}

let scheduled = null;
new MutationObserver(() => {
  scheduled = scheduled || setTimeout(() => {
    scheduled = null;
    labelInstances();
    readableDiagrams();
  }, 100);
}).observe(document.documentElement, { childList: true, subtree: true });

export default [];
