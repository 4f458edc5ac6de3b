// Shared helpers of the portal pages: API calls, kind labels and icons, safe highlight rendering.

/**
 * Resource kinds as readers know them. The icon is one character in a seal-like badge: CJK fonts always
 * have it, where emoji fonts are often missing on terminals. It is decorative; the label is read out.
 */
export const KINDS = {
  book: { label: '图书', icon: '书' },
  rare_book: { label: '古籍', icon: '古' },
  serial: { label: '期刊', icon: '刊' },
  map: { label: '地图', icon: '图' },
  score: { label: '乐谱', icon: '谱' },
  audio: { label: '音频', icon: '音' },
  video: { label: '视频', icon: '影' },
  image: { label: '图片', icon: '像' },
  manuscript: { label: '手稿', icon: '稿' },
  article: { label: '文章', icon: '文' },
  ebook: { label: '电子书', icon: '电' },
  lecture: { label: '讲座', icon: '讲' },
  activity: { label: '活动', icon: '活' },
  repertoire: { label: '剧目', icon: '戏' },
  other: { label: '其他', icon: '他' },
};

export const SUGGESTION_KINDS = { title: '题名', creator: '作者', subject: '主题' };

export const LANGUAGES = { chi: '中文', eng: '英文', jpn: '日文', rus: '俄文', fre: '法文', ger: '德文', mon: '蒙古文', tib: '藏文' };

export function kindOf(value) {
  return KINDS[value] || { label: value || '其他', icon: '他' };
}

/** A DOM element with attributes and children (strings become text nodes, never HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The kind icon and label, e.g. 📖 图书; the icon is hidden from screen readers. */
export function kindBadge(value) {
  const kind = kindOf(value);
  return el('span', { class: 'kind kind-' + (value || 'other') },
    el('span', { class: 'kind-icon', 'aria-hidden': 'true' }, kind.icon), kind.label);
}

/**
 * A highlight snippet from the API ("<em>上党</em>梆子", other text HTML-escaped) as DOM nodes. Only <em>
 * survives: anything else the snippet might hold becomes plain text.
 */
export function highlighted(snippet) {
  const template = document.createElement('template');
  template.innerHTML = snippet;
  const out = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.tagName === 'EM') {
      out.append(el('mark', {}, node.textContent));
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

/** GET a JSON resource; rejects with the API's error message on a non-2xx answer. */
export async function getJson(url, signal) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : response.statusText;
    throw new Error(message || '请求失败');
  }
  return body;
}

/** The path of a record page; ids may hold ':' and '/'. */
export function recordHref(id) {
  return '/record.html?id=' + encodeURIComponent(id);
}

/** The API path of a record: each '/'-separated segment encoded, as the API takes ids with slashes. */
export function recordApi(id) {
  return '/api/records/' + id.split('/').map(encodeURIComponent).join('/');
}
