// Loaded by Tasklist, Cockpit, Admin and the welcome page (customScripts in their config.js).
// They show Camunda's own login form after their logout and whenever a call answers 401 (an
// expired session); that form's login is closed (SecurityConfig). The browser goes to the
// application's login page instead, which says why: 您已安全退出 or 会话已过期.
const LOGGING_OUT = 'xuncha-logging-out';

document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('li.logout a')) {
    sessionStorage.setItem(LOGGING_OUT, 'true');
  }
}, true);

function leaveCamundaLogin() {
  if (window.location.hash.startsWith('#/login')) {
    const loggedOut = sessionStorage.getItem(LOGGING_OUT) === 'true';
    sessionStorage.removeItem(LOGGING_OUT);
    window.location.replace('/login?' + (loggedOut ? 'logout' : 'expired'));
  }
}

window.addEventListener('hashchange', leaveCamundaLogin);
leaveCamundaLogin();

export default [];
