// Loaded by config.js (customScripts); Tasklist waits for this module before it starts, so the
// top-level awaits below run before Tasklist reads its URL.
//
// 1. The landing filter. Tasklist opens the filter named in the URL or else the one of lowest
//    priority (我的待办), which is empty for most users: their work waits in 本组待办. When the URL
//    names no filter, the user lands on the first filter, by priority, that lists a task for them.
// 2. What a user may start. 启动流程 is for the office (CREATE on process instances) and 新建任务
//    for whoever may create tasks; the others would only meet an authorization error, so the
//    header offers the actions only to users the engine allows (styles/user-styles.css hides them
//    until then).
const root = document.querySelector('base').getAttribute('app-root');
const engine = (window.location.pathname.match(/\/app\/tasklist\/([^/]+)/) || [])[1] || 'default';
const api = `${root}/api/engine/engine/${engine}`;

async function json(path) {
  const answer = await fetch(api + path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  return answer.ok ? answer.json() : null;
}

function hashParameters() {
  const hash = window.location.hash;
  const query = hash.indexOf('?');
  return new URLSearchParams(query < 0 ? '' : hash.substring(query + 1));
}

async function landOnFilterWithWork() {
  const parameters = hashParameters();
  if (parameters.has('filter') || parameters.has('task') || !/^(#\/?)?(\?.*)?$/.test(window.location.hash)) {
    return;
  }
  const filters = await json('/filter?resourceType=Task&itemCount=true&firstResult=0&maxResults=2000');
  if (!filters) {
    return;
  }
  const priority = (filter) => parseInt((filter.properties || {}).priority || 0, 10);
  const withWork = filters.filter((filter) => filter.itemCount > 0).sort((a, b) => priority(a) - priority(b))[0];
  if (withWork) {
    parameters.set('filter', withWork.id);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/?${parameters}`);
  }
}

async function allowed(resourceType, resourceName) {
  const check = await json(`/authorization/check?permissionName=CREATE&resourceName=${resourceName}&resourceType=${resourceType}`);
  return Boolean(check && check.authorized);
}

async function offerWhatMayBeStarted() {
  const [startProcess, createTask] = await Promise.all([allowed(8, 'ProcessInstance'), allowed(4, 'Task')]);
  document.body.classList.toggle('xuncha-may-start-process', startProcess);
  document.body.classList.toggle('xuncha-may-create-task', createTask);
}

await Promise.all([landOnFilterWithWork(), offerWhatMayBeStarted()]).catch((error) => console.error(error));

export default [];
