// Loaded by Tasklist and Cockpit (customScripts in their config.js). Their locale files translate
// Camunda's own texts, but the decision-table viewer (dmn-js, bundled in lib/deps.js) and the
// diagram widget's zoom buttons write English literals that no locale key reaches. This replaces
// them in the page, as they appear: whole texts, and the tooltips whose English prefix precedes a
// name from the model ("Input label: 问题类别"); also Cockpit's “null” for a missing value, the head
// and the value types of its variables table, and the diagram viewer's mark. Notifications carrying
// an engine refusal are read as the server's Chinese message (cleanNotification, below).
const TEXTS = new Map([
  ['When', '当'],
  ['Then', '则'],
  ['And', '且'],
  ['Annotations', '注释'],
  ['Hit policy:', '命中策略：'],
  ['Unique', '唯一'],
  ['First', '首个'],
  ['Priority', '优先级'],
  ['Any', '任意'],
  ['Collect', '汇总'],
  ['Collect (Sum)', '汇总（求和）'],
  ['Collect (Min)', '汇总（最小值）'],
  ['Collect (Max)', '汇总（最大值）'],
  ['Collect (Count)', '汇总（计数）'],
  ['Rule order', '规则顺序'],
  ['Output order', '输出顺序'],
  // the head of the variables table's edit column, written in its template
  ['Actions', '操作'],
  // the types of Cockpit's variables table
  ['String', '字符串'],
  ['Long', '长整数'],
  ['Integer', '整数'],
  ['Boolean', '布尔值'],
  ['Date', '日期'],
  ['Object', '对象'],
  // Cockpit's mark of a missing value (a decision outside any requirements diagram, …)
  ['null', '无']
]);

const TITLES = new Map([
  ['zoom in', '放大'],
  ['zoom out', '缩小'],
  ['reset zoom', '恢复原始大小'],
  // the diagram viewer's mark (bpmn-js)
  ['Powered by bpmn.io', '流程图显示：bpmn.io'],
  ['Input values', '输入取值'],
  ['Output values', '输出取值'],
  ['Input type', '输入类型'],
  ['Output type', '输出类型'],
  ['Output label', '输出标签'],
  ['No overlap is possible and all rules are disjoint. Only a single rule can be matched', '规则互不重叠，只能命中一条规则'],
  ['Rules may overlap. The first matching rule will be chosen', '规则可以重叠，取第一条命中的规则'],
  ['Rules may overlap. The one with the highest priority will be chosen', '规则可以重叠，取优先级最高的规则'],
  ['Rules may overlap. Their output have to match', '规则可以重叠，命中规则的输出必须相同'],
  ['Collects the values of all matching rules', '汇总所有命中规则的输出'],
  ['Collects the values of all matching rules in rule order', '按规则顺序汇总所有命中规则的输出'],
  ['Collects the values of all matching rules in decreasing output priority order', '按输出优先级从高到低汇总所有命中规则的输出'],
  ['Collects the values of all matching rules and sums up to a single value', '汇总所有命中规则的输出并求和'],
  ['Collects the values of all matching rules and uses the lowest value', '汇总所有命中规则的输出并取最小值'],
  ['Collects the values of all matching rules and uses the highest value', '汇总所有命中规则的输出并取最大值'],
  ['Collects the values of all matching rules and counts the number of them', '统计命中规则的条数']
]);

const TITLE_PREFIXES = [
  ['Input label: ', '输入标签：'],
  ['Input expression: ', '输入表达式：'],
  ['Output label: ', '输出标签：'],
  ['Output name: ', '输出名称：'],
  ['Decision name: ', '决策名称：']
];

function translateTitle(element) {
  const title = element.getAttribute('title');
  if (TITLES.has(title)) {
    element.setAttribute('title', TITLES.get(title));
    return;
  }
  const prefix = TITLE_PREFIXES.find(([english]) => title.startsWith(english));
  if (prefix) {
    element.setAttribute('title', prefix[1] + title.substring(prefix[0].length));
  }
}

function translate(root) {
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    const text = node.nodeValue.trim();
    if (TEXTS.has(text)) {
      node.nodeValue = node.nodeValue.replace(text, TEXTS.get(text));
    }
  }
  if (root instanceof Element) {
    [root, ...root.querySelectorAll('[title]')].filter((element) => element.hasAttribute('title')).forEach(translateTitle);
  }
}

// Tasklist and Cockpit render their first relative times ("5 years ago") before their Chinese date
// locale is applied and keep them until the next refresh; they are put in the locale's words.
const UNITS = { second: '秒', seconds: '秒', minute: '分钟', minutes: '分钟', hour: '小时', hours: '小时', day: '天', days: '天',
  month: '个月', months: '个月', year: '年', years: '年' };
const RELATIVE = /^(in )?(a few|an?|\d+) (seconds?|minutes?|hours?|days?|months?|years?)( ago)?$/;

function relativeTime(text) {
  const match = text.match(RELATIVE);
  if (!match || Boolean(match[1]) === Boolean(match[4])) {
    return null;
  }
  const amount = match[2] === 'a few' ? '几' : /^an?$/.test(match[2]) ? '1 ' : match[2] + ' ';
  return amount + UNITS[match[3]] + (match[4] ? '前' : '后');
}

function translateRelativeTime(node) {
  const text = node.nodeValue.trim();
  const chinese = text && relativeTime(text);
  if (chinese) {
    node.nodeValue = node.nodeValue.replace(text, chinese);
  }
}

function translateRelativeTimes(root) {
  if (root.nodeType === Node.TEXT_NODE) {
    translateRelativeTime(root);
    return;
  }
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    translateRelativeTime(node);
  }
}

// A refused or failed load reaches the notification through the webapps' data observer, which puts
// the name of what it loaded before the server's message ("<task> <- 此任务不存在或已办结…"), shown
// escaped in the heading and as a tag-like text in the message. Tasklist's task pane also uses the
// message as the heading when it does not recognise Camunda's English ("No matching task"): the
// server's Chinese message then stood twice, "<task> <- 此任务… : <task> <- 此任务…". The prefix is
// dropped, and a heading that only repeats the message is left out with its colon. This holds for
// the page's notifications and for those a dialog shows in its own panel.
const NOTIFICATION = '[notifications-panel] .alert';
const LOADED_NAME = /^(?:(?:<|&lt;)[\w.-]+(?:>|&gt;) (?:<|&lt;)- )+/;

function cleanNotification(alert) {
  const status = alert.querySelector('.status');
  const message = alert.querySelector('.message');
  for (const part of [status, message]) {
    const text = part && part.textContent;
    if (text && LOADED_NAME.test(text)) {
      part.textContent = text.replace(LOADED_NAME, '');
    }
  }
  if (status && message && status.textContent && status.textContent.trim() === message.textContent.trim()) {
    status.textContent = '';
    const colon = status.nextElementSibling;
    if (colon && colon.tagName === 'STRONG' && colon.textContent.trim() === ':') {
      colon.textContent = '';
    }
  }
}

const ONLY_IN = '.dmn-decision-table-container, .tjs-container, .navigation, .null-value, .cam-table, .bjs-powered-by';

new MutationObserver((changes) => {
  for (const change of changes) {
    const target = change.target instanceof Element ? change.target : change.target.parentElement;
    if (change.type === 'characterData') {
      translateRelativeTime(change.target);
    }
    change.addedNodes.forEach(translateRelativeTimes);
    const alert = target && target.closest(NOTIFICATION);
    if (alert) {
      cleanNotification(alert);
    }
    for (const added of change.addedNodes) {
      if (added instanceof Element) {
        added.querySelectorAll(NOTIFICATION).forEach(cleanNotification);
      }
    }
    if (target && target.closest(ONLY_IN)) {
      translate(target);
    }
    for (const added of change.addedNodes) {
      if (added instanceof Element) {
        (added.matches(ONLY_IN) ? [added] : [...added.querySelectorAll(ONLY_IN)]).forEach(translate);
      }
    }
  }
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['title'] });

export default [];
