// Loaded by config.js (customScripts). Nothing here is awaited: Tasklist starts at once and these
// engine calls run beside its own (waiting for them delayed its first call by 0.1–0.25 s).
//
// 1. The landing filter. Tasklist opens the filter named in the URL or else the one of lowest
//    priority (我的待办), which is empty for most users: their work waits in 本组待办. When the URL
//    names no filter, the user lands on the first filter, by priority, that lists a task for them.
//    The filters are counted in one request: counting them one by one in priority order took a
//    round trip each, every answer waiting for Tasklist's own start-up on the page's one thread, and
//    came after Tasklist had picked its filter. The one answer usually comes before that, and
//    Tasklist then reads the filter from the URL; when it comes later, Tasklist switches to it,
//    unless the user has chosen a filter or task meanwhile.
//    Until then the body carries `xuncha-landing` and the task list is hidden (styles/user-styles.css),
//    so nobody sees the empty 我的待办 first.
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

/** True while the URL shows Tasklist's list with no task open and no filter or the given one. */
function showsTheListOf(defaultFilterId) {
  const parameters = hashParameters();
  return /^(#\/?)?(\?.*)?$/.test(window.location.hash) && !parameters.has('task')
    && (!parameters.has('filter') || parameters.get('filter') === defaultFilterId);
}

async function landOnFilterWithWork() {
  const filters = await json('/filter?resourceType=Task&itemCount=true&firstResult=0&maxResults=2000');
  if (!filters || !filters.length) {
    return;
  }
  const priority = (filter) => parseInt((filter.properties || {}).priority || 0, 10);
  filters.sort((a, b) => priority(a) - priority(b));
  const withWork = filters.find((filter) => filter.itemCount > 0);
  if (withWork && withWork.id !== filters[0].id && showsTheListOf(filters[0].id)) {
    const parameters = hashParameters();
    parameters.set('filter', withWork.id);
    parameters.delete('page');
    window.location.replace(`${window.location.pathname}${window.location.search}#/?${parameters}`);
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

if (showsTheListOf(null)) {
  document.body.classList.add('xuncha-landing');
  landOnFilterWithWork().catch((error) => console.error(error)).finally(() => document.body.classList.remove('xuncha-landing'));
}
offerWhatMayBeStarted().catch((error) => console.error(error));

export default [];
