// Reads the service's feeds as other software does: every XML feed must be well-formed to a strict XML
// validator, and RSS, Atom and JSON Feed must parse with two feed parsers written by others
// (@rowanmanning/feed-parser, feedsmith). Then it walks a feed's pages through their next links and checks
// what the entries say against the articles .ci/feed-check.sh created. Any parse error is a failure.
//
// Environment: BASE_URL (the service), TAG (the tag of the articles created), PUBLIC_COUNT (how many of
// them are public), HIDDEN_TITLE (the title of a draft, which must not appear), HOSTILE_TITLE (the title an
// article with control characters and markup in its title must show), CATEGORY, AUTHOR.
import feedParser from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';

const BASE = process.env.BASE_URL;
const TAG = process.env.TAG;
const PUBLIC_COUNT = Number(process.env.PUBLIC_COUNT);
const HIDDEN_TITLE = process.env.HIDDEN_TITLE;
const HOSTILE_TITLE = process.env.HOSTILE_TITLE;
const CATEGORY = process.env.CATEGORY;
const AUTHOR = process.env.AUTHOR;

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ARTICLE_ID = /^urn:newsdesk:article:\d+$/;

let passed = 0;
let failed = 0;
function expect(name, ok, detail = '') {
    if (ok) {
        passed++;
        console.log(`ok   ${name}`);
    } else {
        failed++;
        console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
    }
}

async function get(url, type) {
    const response = await fetch(url, {
        headers: { Accept: 'application/rss+xml, application/atom+xml;q=0.9, application/feed+json;q=0.9, */*;q=0.5' },
    });
    const text = await response.text();
    if (response.status !== 200) {
        throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    const contentType = response.headers.get('content-type') ?? '';
    expect(`${url} is ${type}`, contentType.replace(/\s/g, '').toLowerCase() === `${type};charset=utf-8`, contentType);
    return text;
}

/** One page of an XML feed: strict well-formedness, then both parsers; answers its entries and next link. */
async function xmlPage(url, kind) {
    const text = await get(url, kind === 'rss' ? 'application/rss+xml' : 'application/atom+xml');
    const valid = XMLValidator.validate(text);
    expect(`${url} is well-formed XML`, valid === true, JSON.stringify(valid));
    expect(`${url} holds no character XML forbids`, !FORBIDDEN.test(text));

    let lenient;
    try {
        lenient = feedParser.parseFeed(text);
        expect(`${url} parses with @rowanmanning/feed-parser`, lenient.meta.type === kind, JSON.stringify(lenient.meta));
    } catch (e) {
        expect(`${url} parses with @rowanmanning/feed-parser`, false, String(e));
        return { ids: [], titles: [], next: null };
    }
    let strict;
    try {
        strict = kind === 'rss' ? parseRssFeed(text) : parseAtomFeed(text);
        expect(`${url} parses with feedsmith`, true);
    } catch (e) {
        expect(`${url} parses with feedsmith`, false, String(e));
        return { ids: [], titles: [], next: null };
    }
    const items = lenient.items;
    const strictItems = (kind === 'rss' ? strict.items : strict.entries) ?? [];
    expect(`${url}: both parsers see the same entries`, items.length === strictItems.length, `${items.length} vs ${strictItems.length}`);
    expect(`${url} has a title and a link`, !!lenient.title && /^https?:\/\//.test(lenient.url ?? ''), `${lenient.title} ${lenient.url}`);
    for (const item of items) {
        const ok = ARTICLE_ID.test(item.id ?? '') && /^https?:\/\//.test(item.url ?? '') && !!item.title
            && item.published instanceof Date && !Number.isNaN(item.published.getTime());
        expect(`${url}: entry ${item.id} has an id, a link, a title and a date`, ok, JSON.stringify(item).slice(0, 300));
        for (const media of item.media) {
            expect(`${url}: entry ${item.id}'s media URL is absolute`, /^https?:\/\//.test(media.url), media.url);
        }
    }
    const dates = items.map(i => i.published.getTime());
    expect(`${url} is newest first`, dates.every((d, i) => i === 0 || d <= dates[i - 1]));
    const links = (kind === 'rss' ? strict.atom?.links : strict.links) ?? [];
    const next = links.find(l => l.rel === 'next')?.href ?? null;
    const self = links.find(l => l.rel === 'self')?.href ?? null;
    expect(`${url} names itself`, self === url, `${self}`);
    return { ids: items.map(i => i.id), titles: items.map(i => i.title), next };
}

/** One page of the JSON Feed: JSON, feedsmith, and the 1.1 structure. */
async function jsonPage(url) {
    const text = await get(url, 'application/feed+json');
    let feed;
    try {
        feed = JSON.parse(text);
        parseJsonFeed(feed);
        expect(`${url} parses with feedsmith`, true);
    } catch (e) {
        expect(`${url} parses with feedsmith`, false, String(e));
        return { ids: [], titles: [], next: null };
    }
    expect(`${url} is JSON Feed 1.1`, feed.version === 'https://jsonfeed.org/version/1.1', feed.version);
    expect(`${url} has a title, home page and feed URL`, typeof feed.title === 'string' && /^https?:\/\//.test(feed.home_page_url)
        && /^https?:\/\//.test(feed.feed_url));
    expect(`${url} has items`, Array.isArray(feed.items));
    for (const item of feed.items) {
        const ok = ARTICLE_ID.test(item.id) && /^https?:\/\//.test(item.url) && typeof item.title === 'string'
            && typeof item.content_html === 'string' && RFC_3339.test(item.date_published)
            && (item.date_modified === undefined || RFC_3339.test(item.date_modified))
            && (item.image === undefined || /^https?:\/\//.test(item.image))
            && (item.tags === undefined || item.tags.every(t => typeof t === 'string'))
            && (item.authors === undefined || item.authors.every(a => typeof a.name === 'string'));
        expect(`${url}: item ${item.id} has the 1.1 fields`, ok, JSON.stringify(item).slice(0, 300));
    }
    if (feed.next_url !== undefined) {
        expect(`${url}: next_url is absolute`, /^https?:\/\//.test(feed.next_url), feed.next_url);
    }
    return { ids: feed.items.map(i => i.id), titles: feed.items.map(i => i.title), next: feed.next_url ?? null };
}

/** Every page from the first, following next links; no entry may repeat. */
async function walk(first, read) {
    const ids = [];
    const titles = [];
    let url = first;
    for (let pages = 0; url; pages++) {
        if (pages >= 50) {
            expect(`${first} ends`, false, 'more than 50 pages');
            break;
        }
        const page = await read(url);
        ids.push(...page.ids);
        titles.push(...page.titles);
        url = page.next;
    }
    expect(`${first}: no entry repeats`, new Set(ids).size === ids.length, ids.join(' '));
    return { ids, titles };
}

const feeds = {
    rss: { path: '/api/v1/feeds/rss.xml', read: url => xmlPage(url, 'rss') },
    atom: { path: '/api/v1/feeds/atom.xml', read: url => xmlPage(url, 'atom') },
    json: { path: '/api/v1/feeds/feed.json', read: jsonPage },
};

const walked = {};
for (const [name, feed] of Object.entries(feeds)) {
    await feed.read(`${BASE}${feed.path}`);
    const tagged = await walk(`${BASE}${feed.path}?tag=${encodeURIComponent(TAG)}&size=2`, feed.read);
    walked[name] = tagged.ids;
    expect(`${name}: every public article of the tag, and nothing else`, tagged.ids.length === PUBLIC_COUNT,
        `${tagged.ids.length} entries, ${PUBLIC_COUNT} expected`);
    expect(`${name}: no draft`, !tagged.titles.includes(HIDDEN_TITLE));
    expect(`${name}: a title with control characters and markup reads as written, less the control characters`,
        tagged.titles.includes(HOSTILE_TITLE), JSON.stringify(tagged.titles));
    const byCategory = await feed.read(`${BASE}${feed.path}?category=${encodeURIComponent(CATEGORY)}`);
    expect(`${name}: the category's feed includes its subcategory's article`, byCategory.ids.length === 2, byCategory.ids.join(' '));
    const byAuthor = await feed.read(`${BASE}${feed.path}?author=${encodeURIComponent(AUTHOR)}`);
    expect(`${name}: the author's feed`, byAuthor.ids.length === 1, byAuthor.ids.join(' '));
}
expect('the three formats list the same entries in the same order',
    JSON.stringify(walked.rss) === JSON.stringify(walked.atom) && JSON.stringify(walked.atom) === JSON.stringify(walked.json),
    JSON.stringify(walked));

console.log(`feed-check: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
