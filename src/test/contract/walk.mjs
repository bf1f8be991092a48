// The contract walk: every operation of openapi/openapi.yaml is called through Prism's validation proxy, once to
// succeed and once for each refusal the document promises that can be provoked generically; whatever the document
// does not describe (Prism's response violations in sl-violations, an undocumented status, a media type other than
// the documented ones) is a failure. See README.md.
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import { OMIT, unique, RAW_BODIES, limitFor, PROPERTY_VALUES, QUERY_VALUES, PATH_VALUES, MAKERS, PRECONDITIONS } from './values.mjs';

const DOC_FILE = process.env.OPENAPI_DOCUMENT ?? new URL('../../../openapi/openapi.yaml', import.meta.url).pathname;
const PRISM = new URL(process.env.PRISM_URL ?? 'http://127.0.0.1:4010');
const SERVICE = new URL(process.env.SERVICE_URL ?? 'http://127.0.0.1:18180');
const ADMIN = process.env.CMS_TOKEN;
const RELAY_PID = Number(process.env.RELAY_PID || 0);
const VERBOSE = !!process.env.WALK_VERBOSE;
if (!ADMIN) throw new Error('CMS_TOKEN (an admin token) is required');

const doc = parseYaml(fs.readFileSync(DOC_FILE, 'utf8'));
// Prism's own validator, for the few exchanges its proxy cannot carry (it follows redirects, and fails on some
// answers): those are sent straight to the service and their answer is checked by the same code the proxy runs.
const require = createRequire(import.meta.url);
const prismHttp = require('@stoplight/prism-http');
const { validateOutput } = require('@stoplight/prism-http/dist/validator');
const prismResources = await prismHttp.getHttpOperationsFromSpec(DOC_FILE);
function prismValidate(op, res) {
    const resource = prismResources.find(r => r.method === op.method && r.path === op.template);
    if (!resource) return [{ location: ['response'], message: 'Prism knows no such operation' }];
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    const mt = mediaTypeOf(res.headers);
    const text = res.buffer.toString('utf8');
    const body = res.status !== 204 && /^application\/(.+\+)?json$/.test(mt) ? safeJson(text) : text;
    const out = validateOutput({ resource, element: { statusCode: res.status, headers, body } });
    return out._tag === 'Left' ? out.left.map(v => ({ location: ['response', ...(v.path ?? [])], message: v.message, severity: v.severity })) : [];
}
function safeJson(text) { try { return JSON.parse(text); } catch { return text; } }
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

// ---------------------------------------------------------------------------------------------------- the document
function deref(node) {
    let name;
    const seen = new Set();
    while (node && typeof node === 'object' && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
        if (seen.has(node.$ref)) break;
        seen.add(node.$ref);
        const ref = node.$ref;
        name = ref.startsWith('#/components/schemas/') ? ref.split('/').pop() : name;
        const target = ref.slice(2).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((o, k) => o?.[k], doc);
        const { $ref, ...siblings } = node; // OpenAPI 3.1: keywords beside $ref apply too
        node = { ...target, ...siblings, ...(target?.properties || siblings.properties ? { properties: { ...siblings.properties, ...target?.properties } } : {}) };
    }
    return { schema: node ?? {}, name };
}
const S = schema => deref(schema).schema;

const operations = [];
for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
        const o = item[method];
        if (!o) continue;
        const params = new Map();
        for (const p of [...(item.parameters ?? []), ...(o.parameters ?? [])].map(S)) params.set(`${p.in}:${p.name}`, p);
        const security = o.security ?? doc.security ?? [];
        operations.push({
            method, template, o, key: `${method.toUpperCase()} ${template}`,
            params: [...params.values()],
            secured: security.length > 0 && !security.some(s => Object.keys(s).length === 0),
            role: o['x-required-role'],
            responses: o.responses ?? {},
            body: o.requestBody ? S(o.requestBody) : undefined,
        });
    }
}
const opByKey = new Map(operations.map(op => [op.key, op]));
const documented = (op, status) => {
    const r = op.responses;
    if (r[String(status)]) return String(status);
    const range = `${String(status)[0]}XX`;
    if (r[range] || r[range.toLowerCase()]) return r[range] ? range : range.toLowerCase();
    return r.default ? 'default' : undefined;
};
const promises = (op, status) => !!op.responses[String(status)];

// ---------------------------------------------------------------------------------------------------- HTTP
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function rawRequest(base, { method, url, headers = {}, body }) {
    return new Promise((resolve, reject) => {
        const req = http.request({ host: base.hostname, port: base.port, method: method.toUpperCase(), path: url, agent, headers }, res => {
            const chunks = [];
            res.on('data', c => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, buffer: Buffer.concat(chunks) }));
            res.on('error', reject);
        });
        req.setTimeout(15000, () => req.destroy(new Error('timeout after 15 s')));
        req.on('error', reject);
        if (body !== undefined) req.end(body); else req.end();
    });
}

function buildUrl(op, params, query) {
    let path = op.template.replace(/\{([^}]+)\}/g, (_, p) => encodeURIComponent(String(params[p])));
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) qs.append(k, String(v));
    const s = qs.toString();
    return s || (query && Object.keys(query).length) ? `${path}?${s}` : path;
}

// ---------------------------------------------------------------------------------------------------- results
const violations = []; // failures: what the document does not describe
const notes = []; // a refusal the walk aimed at came out as another documented answer, and Prism's own limits
const seen = new Map(operations.map(op => [op.key, new Map()])); // key -> status -> [cases]
const aimed = new Map(operations.map(op => [op.key, new Set()]));
let requests = 0;

function mediaTypeOf(headers) {
    return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}
function mediaTypeMatches(actual, documentedType) {
    const [a1, a2] = actual.split('/');
    const [d1, d2] = documentedType.toLowerCase().split('/');
    return (d1 === '*' || d1 === a1) && (d2 === '*' || d2 === a2);
}

// Our own checks, beside Prism's: the status must be documented, and the media type must be one the document names
// for that status (Prism treats application/json and application/problem+json as the same type), and a response the
// document gives no content must have no body.
function ownChecks(op, res) {
    const problems = [];
    const code = documented(op, res.status);
    if (!code) {
        problems.push(`status ${res.status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`);
        return problems;
    }
    const response = S(op.responses[code]);
    const content = response.content ?? {};
    const types = Object.keys(content);
    const mt = mediaTypeOf(res.headers);
    const hasBody = res.buffer.length > 0;
    if (types.length === 0) {
        if (hasBody) problems.push(`the document describes no content for ${code}, but the answer has a ${mt || 'typeless'} body`);
    } else if (!hasBody && res.status !== 204 && res.status !== 304 && op.method !== 'head') {
        problems.push(`empty body (Content-Type: ${mt || 'none'}), the document says ${types.join(' or ')}`);
    } else if (hasBody && !types.some(t => mediaTypeMatches(mt, t))) {
        problems.push(`Content-Type ${mt || '(none)'}, the document says ${types.join(' or ')}`);
    }
    return problems;
}

function prismViolations(res) {
    const raw = res.headers['sl-violations'];
    if (!raw) return { request: [], response: [] };
    let list;
    try {
        list = JSON.parse(raw.replace(/^Too many violations! /, ''));
    } catch {
        return { request: [], response: [{ message: `unparsable sl-violations: ${raw.slice(0, 300)}` }] };
    }
    return {
        request: list.filter(v => v.location?.[0] === 'request'),
        response: list.filter(v => v.location?.[0] !== 'request'),
    };
}

// Prism's own refusals and failures (the service's problems all have a type under its own URL)
// What the answer had where a violation points (primitives only, so that equal violations group together).
function actual(res, location = []) {
    if (location[0] !== 'response') return '';
    let v;
    if (location[1] === 'body') v = location.slice(2).reduce((o, k) => (o == null ? undefined : o[k]), res.json);
    else if (location[1] === 'header') v = res.headers[location[2]];
    else return '';
    if (v === undefined) return '';
    if (v === null || typeof v !== 'object') return ` (the answer has ${JSON.stringify(v).slice(0, 80)})`;
    return Array.isArray(v) ? ' (the answer has an array)' : ` (the answer has an object with ${Object.keys(v).slice(0, 12).map(k => `${k}${v[k] === null ? '=null' : ''}`).join(', ')})`;
}

const isPrismError = res => res.status >= 400 && !res.headers['x-content-type-options']
    && /stoplight\.io\/prism\/errors|"type":"(FetchError|Error|TypeError|RangeError)"/.test(res.buffer.toString('utf8', 0, 500));

// One request of the walk. kind: 'success' | '400' | '401' ... ; expect: a predicate on the status, for the notes.
async function call(op, kind, { params = {}, query, headers = {}, body, contentType, token, via = PRISM, rawQuery } = {}) {
    let url = buildUrl(op, params, query);
    if (rawQuery) url += (url.includes('?') ? '&' : '?') + rawQuery;
    const h = { 'accept-encoding': 'identity', accept: 'application/json, application/problem+json, */*', ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload;
    if (body !== undefined) {
        payload = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
        h['content-type'] = contentType ?? 'application/json';
        h['content-length'] = String(payload.length);
    }
    requests++;
    let res;
    let direct = via !== PRISM;
    try {
        res = await rawRequest(via, { method: op.method, url, headers: h, body: payload });
        if (!direct && isPrismError(res)) {
            notes.push({ op: op.key, kind, url, note: `Prism's proxy could not carry this exchange (${res.status} ${res.buffer.toString('utf8', 0, 160)}); sent straight to the service, answer checked with Prism's validator` });
            res = await rawRequest(SERVICE, { method: op.method, url, headers: h, body: payload });
            direct = true;
        }
    } catch (e) {
        violations.push({ op: op.key, kind, url, status: '-', what: [`no answer: ${e.message}`] });
        return { status: 0, headers: {}, buffer: Buffer.alloc(0), json: undefined };
    }
    try { res.json = JSON.parse(res.buffer.toString('utf8')); } catch { res.json = undefined; }
    const pv = direct ? { request: [], response: prismValidate(op, res) } : prismViolations(res);
    const what = [...pv.response.map(v => `${(v.location ?? []).join('.')}: ${v.message}${actual(res, v.location)}`), ...ownChecks(op, res)];
    // Prism's "status not documented" repeats our own check: keep one
    const dedup = what.filter(w => !(w.startsWith('response: Unable to match the returned status code') && what.some(x => x.startsWith(`status ${res.status} is not documented`))));
    if (dedup.length) violations.push({ op: op.key, kind, url, status: res.status, what: dedup, body: res.buffer.toString('utf8', 0, 400) });
    if (kind === 'success' && pv.request.length) {
        notes.push({ op: op.key, kind, url, note: `Prism found the walk's own success request invalid: ${pv.request.map(v => `${(v.location ?? []).join('.')}: ${v.message}`).join('; ')}` });
    }
    const byStatus = seen.get(op.key);
    if (!byStatus.has(res.status)) byStatus.set(res.status, []);
    byStatus.get(res.status).push(kind);
    if (VERBOSE) console.log(`${op.method.toUpperCase()} ${url} [${kind}] -> ${res.status}${dedup.length ? ' VIOLATION' : ''}`);
    return res;
}

function expectStatus(op, kind, res, wanted, url) {
    aimed.get(op.key).add(String(wanted));
    if (res.status !== wanted && res.status !== 0) {
        notes.push({ op: op.key, kind, url, note: `aimed at ${wanted}, got ${res.status}${documented(op, res.status) ? ' (documented)' : ''}: ${res.buffer.toString('utf8', 0, 200)}` });
    }
}

// ---------------------------------------------------------------------------------------------------- values
const sinkPort = Number(process.env.WEBHOOK_SINK_PORT || 0);
let sinkUrl;

function contextFor(op, params, variant) {
    return { fixture, callOp, params, op, variant, sink: sinkUrl };
}

function exampleOf(schema) {
    if (Array.isArray(schema.examples) && schema.examples.length) return { value: schema.examples[0] };
    if (schema.example !== undefined) return { value: schema.example };
    return undefined;
}

// The component names a property schema refers to, directly or as a variant of anyOf/oneOf.
function refNames(ps) {
    const names = [];
    for (const v of [ps, ...(ps?.anyOf ?? []), ...(ps?.oneOf ?? [])]) if (v?.$ref) names.push(deref({ $ref: v.$ref }).name);
    return names.filter(Boolean);
}

// A valid value for a schema: the table first, then the document's example, then what the schema allows.
async function sample(schemaIn, ctx, { name: propName, parent, depth = 0 } = {}) {
    const { schema, name } = deref(schemaIn);
    for (const key of [parent && propName && `${parent}.${propName}`, propName, name]) {
        if (key && Object.hasOwn(PROPERTY_VALUES, key)) {
            const v = PROPERTY_VALUES[key];
            return typeof v === 'function' ? await v(ctx) : v;
        }
    }
    if (depth > 8) return undefined;
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants) {
        const nonNull = variants.find(v => S(v).type !== 'null');
        return sample(nonNull ?? variants[0], ctx, { depth: depth + 1 });
    }
    if (schema.allOf) {
        const merged = { type: 'object', properties: {}, required: [] };
        for (const part of schema.allOf.map(S)) {
            Object.assign(merged.properties, part.properties);
            merged.required.push(...(part.required ?? []));
        }
        return sample(merged, ctx, { name: propName, parent, depth: depth + 1 });
    }
    const ex = exampleOf(schema);
    const type = Array.isArray(schema.type) ? schema.type.find(t => t !== 'null') : schema.type;
    if (type === 'object' || schema.properties) {
        const out = {};
        const required = new Set(schema.required ?? []);
        for (const [prop, ps] of Object.entries(schema.properties ?? {})) {
            const p = S(ps);
            if (p.readOnly) continue;
            const tabled = [`${name}.${prop}`, prop, ...refNames(ps)].some(k => Object.hasOwn(PROPERTY_VALUES, k));
            if (!required.has(prop) && !tabled && !exampleOf(p) && !exampleOf(deref(ps).schema)) continue;
            const v = await sample(ps, ctx, { name: prop, parent: name, depth: depth + 1 });
            if (v !== OMIT && v !== undefined) out[prop] = v;
        }
        if (!schema.properties && ex) return ex.value;
        return out;
    }
    if (ex) return ex.value;
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return schema.enum[0];
    if (schema.default !== undefined) return schema.default;
    switch (type) {
        case 'array': {
            const n = Math.max(1, schema.minItems ?? 1);
            const items = [];
            for (let i = 0; i < n; i++) items.push(await sample(schema.items ?? {}, ctx, { depth: depth + 1 }));
            return items;
        }
        case 'integer': return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
        case 'number': return schema.minimum ?? 0.5;
        case 'boolean': return true;
        case 'string':
            if (schema.format === 'date-time') return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
            return 'contract check';
        default: return undefined;
    }
}

// Apply the table to a document example (references in examples name things that do not exist here).
async function overlay(value, schemaIn, ctx, parent) {
    const { schema, name } = deref(schemaIn);
    if (Array.isArray(value)) {
        const items = [];
        for (const v of value) items.push(await overlay(v, schema.items ?? {}, ctx));
        return items;
    }
    if (value && typeof value === 'object') {
        const out = {};
        const props = schema.properties ?? {};
        for (const [k, v] of Object.entries(value)) {
            const key = [`${name ?? parent}.${k}`, k].find(x => Object.hasOwn(PROPERTY_VALUES, x));
            if (key) {
                const t = PROPERTY_VALUES[key];
                const nv = typeof t === 'function' ? await t(ctx) : t;
                if (nv !== OMIT) out[k] = nv;
            } else out[k] = await overlay(v, props[k] ?? {}, ctx);
        }
        return out;
    }
    return value;
}

const isJson = mt => /^application\/(.+\+)?json$/.test(mt);

// The request bodies the walk can make for an operation, one per documented media type it knows how to make.
async function bodiesFor(op, ctx) {
    const out = [];
    if (!op.body?.content) return out;
    for (const [mt, media] of Object.entries(op.body.content)) {
        if (isJson(mt)) {
            const ex = media.examples ? Object.values(media.examples).map(S)[0]?.value : media.example;
            const value = ex !== undefined ? await overlay(structuredClone(ex), media.schema ?? {}, ctx) : await sample(media.schema ?? {}, ctx);
            out.push({ contentType: mt, body: value, json: true, schema: media.schema });
        } else if (RAW_BODIES[mt]) {
            out.push({ contentType: mt, body: RAW_BODIES[mt].valid(), raw: RAW_BODIES[mt] });
        } else if (mt === 'multipart/form-data') {
            const schema = S(media.schema ?? {});
            const parts = [];
            let ok = true;
            for (const [prop, ps] of Object.entries(schema.properties ?? {})) {
                const p = S(ps);
                const required = (schema.required ?? []).includes(prop);
                if (p.format === 'binary' || p.contentMediaType) {
                    const partType = media.encoding?.[prop]?.contentType ?? Object.keys(RAW_BODIES).find(t => op.body.content[t]);
                    if (!partType || !RAW_BODIES[partType]) { if (required) ok = false; continue; }
                    parts.push({ name: prop, filename: `contract.${partType.split('/')[1]}`, type: partType, data: RAW_BODIES[partType].valid() });
                } else if (required || exampleOf(p)) {
                    const v = await sample(ps, ctx, { name: prop });
                    parts.push({ name: prop, data: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)) });
                }
            }
            if (!ok) continue;
            const boundary = `contract${unique().replace(/[^a-z0-9]/g, '')}`;
            const chunks = [];
            for (const part of parts) {
                chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`));
                chunks.push(part.data, Buffer.from('\r\n'));
            }
            chunks.push(Buffer.from(`--${boundary}--\r\n`));
            out.push({ contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks), multipart: true });
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------- fixtures
const fixtures = new Map();
const lastMade = new Map(); // collection -> the newest item made of it, shared or not (for the outage walk)
function collectionOf(template, param) {
    const i = template.indexOf(`{${param}}`);
    return template.slice(0, i).replace(/\/$/, '');
}

// An item of a collection: shared (made once), a named variant, or 'fresh' (made anew, for destructive calls).
async function fixture(collection, variant = 'shared') {
    const key = `${collection}#${variant}`;
    const memo = !['fresh', 'renamed'].includes(variant);
    if (memo && fixtures.has(key)) return fixtures.get(key);
    const made = (async () => {
        const parentParams = await resolveParams(collection, /* fresh */ false);
        const ctx = contextFor(undefined, parentParams, variant);
        if (variant === 'renamed') {
            // an item whose slug was changed: its old slug is what the walk calls (301, 308)
            const item = await fixture(collection, 'fresh');
            const patch = opByKey.get(`PATCH ${collection}/{slug}`) ?? opByKey.get(`PUT ${collection}/{slug}`);
            const newSlug = `contract-renamed-${unique()}`;
            const body = patch.method === 'patch' ? { slug: newSlug } : { ...(await bodiesFor(patch, contextFor(patch, { slug: item.slug })))[0].body, slug: newSlug };
            await callOp(patch.method, patch.template, { params: { slug: item.slug }, body, contentType: Object.keys(patch.body.content)[0] });
            return { ...item, slug: item.slug, currentSlug: newSlug };
        }
        if (MAKERS[collection]) return MAKERS[collection](ctx);
        if (opByKey.has(`POST ${collection}`)) return callOp('post', collection, { params: parentParams, variant });
        if (opByKey.has(`GET ${collection}`)) {
            const list = await callOp('get', collection, { params: parentParams, precondition: true });
            const items = Array.isArray(list) ? list : list?.items;
            if (items?.length) return items[0];
        }
        throw new Error(`no way to make an item of ${collection}`);
    })();
    if (memo) fixtures.set(key, made);
    made.then(v => lastMade.set(collection, v), () => {});
    const value = await made.catch(e => { fixtures.delete(key); throw e; });
    return value;
}

async function paramValue(template, name, fresh) {
    const tabled = PATH_VALUES[`${template} ${name}`];
    if (tabled) return tabled();
    const collection = collectionOf(template, name);
    const item = await fixture(collection, fresh ? 'fresh' : 'shared');
    const value = item?.[name] ?? (name.endsWith('Id') ? item?.id : undefined);
    if (value === undefined) throw new Error(`the item made for ${collection} has no ${name}: ${JSON.stringify(item).slice(0, 200)}`);
    return value;
}

async function resolveParams(template, fresh) {
    const params = {};
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
    for (const [i, name] of names.entries()) {
        // only the last parameter is made fresh: a fresh comment still belongs to the shared article
        params[name] = await paramValue(template, name, fresh && i === names.length - 1);
    }
    return params;
}

async function queryFor(op, ctx) {
    const q = {};
    for (const p of op.params.filter(p => p.in === 'query' && p.required)) {
        const t = QUERY_VALUES[`${op.key} ${p.name}`];
        q[p.name] = t ? await t(ctx) : (exampleOf(p)?.value ?? await sample(p.schema ?? {}, ctx, { name: p.name }));
    }
    return q;
}

// Call an operation the way that should succeed (used by fixtures and preconditions too); answers the parsed body,
// with etag and location.
async function callOp(method, template, { params, body, contentType, precondition, variant, kind = 'fixture' } = {}) {
    const op = opByKey.get(`${method.toUpperCase()} ${template}`);
    if (!op) throw new Error(`the document has no ${method.toUpperCase()} ${template}`);
    params = params ?? await resolveParams(template, false);
    const ctx = contextFor(op, params, variant);
    if (precondition && PRECONDITIONS[op.key]?.before) await PRECONDITIONS[op.key].before(ctx);
    let req = {};
    if (body !== undefined) req = { body, contentType: contentType ?? Object.keys(op.body?.content ?? { 'application/json': 1 })[0] };
    else if (op.body) {
        const bodies = await bodiesFor(op, ctx);
        const b = bodies.find(b => !contentType || b.contentType.startsWith(contentType)) ?? bodies[0];
        if (!b) throw new Error(`cannot make a body for ${op.key}`);
        req = { body: b.body, contentType: b.contentType };
    }
    const res = await call(op, kind, { params, query: await queryFor(op, ctx), token: op.secured ? ADMIN : undefined, ...req });
    if (res.status >= 300) throw new Error(`${op.key} answered ${res.status}: ${res.buffer.toString('utf8', 0, 300)}`);
    const out = res.json && typeof res.json === 'object' ? res.json : {};
    return Object.assign(Array.isArray(out) ? { items: out } : out, { etag: res.headers.etag, location: res.headers.location });
}

// ---------------------------------------------------------------------------------------------------- probes
const TOKENS = {};
const wrongValue = schemaIn => {
    const s = S(schemaIn);
    const type = Array.isArray(s.type) ? s.type.find(t => t !== 'null') : s.type;
    if (s.enum) return '__not-one-of-the-values__';
    if (type === 'integer' || type === 'number') return s.maximum !== undefined ? s.maximum + 1 : 'not-a-number';
    if (type === 'boolean') return 'maybe';
    if (s.format === 'date-time') return 'not-a-date';
    return undefined;
};
const wrongTyped = schemaIn => {
    const s = S(schemaIn);
    const type = Array.isArray(s.type) ? s.type.find(t => t !== 'null') : s.type ?? (s.properties ? 'object' : s.anyOf ? S(s.anyOf.find(x => S(x).type !== 'null')).type : undefined);
    return { string: 12345, integer: 'not-a-number', number: 'not-a-number', boolean: 'maybe', array: 'not-an-array', object: 'not-an-object' }[type] ?? 12345;
};

async function walkOperation(op) {
    const pre = PRECONDITIONS[op.key] ?? {};
    const destructive = op.method === 'delete' || pre.fresh;
    let params;
    try {
        params = await resolveParams(op.template, destructive);
    } catch (e) {
        notes.push({ op: op.key, kind: 'setup', note: `no item to call it on: ${e.message}` });
        return;
    }
    const ctx = contextFor(op, params);
    const token = op.secured ? ADMIN : undefined;
    const query = await queryFor(op, ctx).catch(e => { notes.push({ op: op.key, kind: 'setup', note: e.message }); return {}; });
    let bodies = [];
    try { bodies = await bodiesFor(op, ctx); } catch (e) { notes.push({ op: op.key, kind: 'setup', note: `cannot make a body: ${e.message}` }); }
    const main = bodies[0];
    const base = { params, query, token, ...(main ? { body: main.body, contentType: main.contentType } : {}) };
    // each refusal probe gets its own item when the call could destroy it, and the precondition again
    const fresh = async () => {
        const p = destructive ? await resolveParams(op.template, true) : params;
        if (pre.before) await pre.before({ ...ctx, params: p }).catch(() => {});
        return { ...base, params: p };
    };

    // --- success, once per media type the walk can make
    if (pre.before) await pre.before(ctx).catch(e => notes.push({ op: op.key, kind: 'setup', note: `precondition failed: ${e.message}` }));
    // an operation whose only success is a redirect is called straight (Prism's proxy would follow the redirect)
    const successes = Object.keys(op.responses).filter(c => /^[23]/.test(c));
    const onlyRedirects = successes.length > 0 && successes.every(c => c.startsWith('3'));
    const ok = await call(op, 'success', { ...base, ...(onlyRedirects ? { via: SERVICE } : {}) });
    if (!(ok.status >= 200 && ok.status < 400)) notes.push({ op: op.key, kind: 'success', url: buildUrl(op, params, query), note: `aimed at 2xx/3xx, got ${ok.status}: ${ok.buffer.toString('utf8', 0, 300)}` });
    for (const b of bodies.slice(1)) {
        const p = destructive ? await resolveParams(op.template, true) : params;
        if (pre.before) await pre.before({ ...ctx, params: p }).catch(() => {});
        const r = await call(op, 'success', { ...base, params: p, body: b.body, contentType: b.contentType });
        if (!(r.status >= 200 && r.status < 400)) notes.push({ op: op.key, kind: `success (${b.contentType.split(';')[0]})`, note: `aimed at 2xx/3xx, got ${r.status}: ${r.buffer.toString('utf8', 0, 300)}` });
    }

    // --- a create that documents both 201 and 200: the same body again answers the item it already has
    if (op.method === 'post' && promises(op, 201) && promises(op, 200) && main) {
        const r = await call(op, '200 same body again', base);
        expectStatus(op, '200 same body again', r, 200);
    }

    // --- every documented optional query parameter, with its example (a GET changes nothing)
    if (op.method === 'get') {
        for (const p of op.params.filter(p => p.in === 'query' && !p.required)) {
            const ex = exampleOf(p) ?? exampleOf(S(p.schema ?? {}));
            if (!ex) continue;
            await call(op, `query ${p.name}=${ex.value}`, { ...base, query: { ...query, [p.name]: ex.value } });
        }
        // --- conditional GET with the ETag just answered
        if (ok.headers.etag && ok.status === 200) {
            const r = await call(op, 'If-None-Match', { ...base, headers: { 'if-none-match': ok.headers.etag } });
            aimed.get(op.key).add('304');
            void r;
        }
    }

    // --- 400: a URL that does not parse (straight to the service: Prism's proxy re-encodes the query string),
    // a bad query parameter, an invalid body
    if (promises(op, 400)) {
        const r0 = await call(op, '400 broken percent-escape', { ...(await fresh()), rawQuery: 'contract=%zz', via: SERVICE });
        expectStatus(op, '400 broken percent-escape', r0, 400);
        for (const p of op.params.filter(p => p.in === 'query')) {
            const bad = wrongValue(p.schema ?? {});
            if (bad === undefined) continue;
            const r = await call(op, `400 query ${p.name}`, { ...(await fresh()), query: { ...query, [p.name]: bad } });
            expectStatus(op, `400 query ${p.name}`, r, 400, buildUrl(op, params, { ...query, [p.name]: bad }));
        }
        if (main?.json && main.body && typeof main.body === 'object') {
            const s = S(main.schema ?? {});
            let bad;
            if (Array.isArray(main.body)) bad = { notAnArray: true };
            else {
                const prop = (s.required ?? [])[0] ?? Object.keys(s.properties ?? {})[0];
                // (never a bare JSON string: Prism's proxy forwards a parsed string body without its quotes)
                bad = prop ? { ...main.body, [prop]: wrongTyped(s.properties[prop]) } : ['not', 'an', 'object'];
            }
            const r = await call(op, '400 body', { ...(await fresh()), body: bad, contentType: main.contentType });
            expectStatus(op, '400 body', r, 400);
        }
    }

    // --- 401: no token, and a token the service never issued
    if (op.secured) {
        const r = await call(op, '401 no token', { ...(await fresh()), token: undefined });
        expectStatus(op, '401 no token', r, 401);
        const r2 = await call(op, '401 unknown token', { ...(await fresh()), token: `contract-${'x'.repeat(40)}` });
        expectStatus(op, '401 unknown token', r2, 401);
    }

    // --- 403: an author's token on an editor's or admin's route, or on an item an admin made
    if (op.secured && promises(op, 403) && TOKENS.author) {
        const hasItem = /\{[^}]+\}/.test(op.template);
        if ((op.role && op.role !== 'author') || hasItem || main?.json) {
            const r = await call(op, '403 author token', { ...(await fresh()), token: TOKENS.author });
            expectStatus(op, '403 author token', r, 403);
        }
    }

    // --- 404: each path parameter unknown (on every operation: one that does not promise 404 must not answer it),
    // shaped like the value that worked; a required query parameter naming something, with the document's example
    for (const p of op.params.filter(p => p.in === 'path')) {
        const unknown = /^\d+$/.test(String(params[p.name])) ? 987654321 : `no-such-contract-${p.name.toLowerCase()}`;
        const r = await call(op, `404 ${p.name}`, { ...base, params: { ...params, [p.name]: unknown } });
        expectStatus(op, `404 ${p.name}`, r, 404);
    }
    if (promises(op, 404)) {
        for (const p of op.params.filter(p => p.in === 'query' && p.required)) {
            const ex = exampleOf(p) ?? exampleOf(S(p.schema ?? {}));
            if (!ex || ex.value === query[p.name]) continue;
            const r = await call(op, `404 query ${p.name}`, { ...base, query: { ...query, [p.name]: ex.value } });
            expectStatus(op, `404 query ${p.name}`, r, 404);
        }
    }

    // --- 412: a stale If-Match
    if (promises(op, 412) && op.params.some(p => p.in === 'header' && p.name.toLowerCase() === 'if-match')) {
        const r = await call(op, '412 stale If-Match', { ...(await fresh()), headers: { 'if-match': '"contract-stale-0"' } });
        expectStatus(op, '412 stale If-Match', r, 412);
    }

    // --- 415: a Content-Type the operation does not take
    if (promises(op, 415)) {
        const r = await call(op, '415 text/plain', { ...(await fresh()), body: main?.json ? JSON.stringify(main.body) : 'contract check', contentType: 'text/plain' });
        expectStatus(op, '415 text/plain', r, 415);
    }

    // --- 413: a body one byte... well, a kilobyte over the limit of its kind
    if (promises(op, 413)) {
        const mt = (main?.contentType ?? 'application/json').split(';')[0];
        const limit = limitFor(mt);
        if (limit && limit <= 8 * 1024 * 1024) { // Prism's proxy reads at most 10 MB of a request body
            const big = main?.raw ? main.raw.oversize(limit + 1024)
                : JSON.stringify(main?.json && !Array.isArray(main.body) && typeof main.body === 'object' ? { ...main.body, contractPadding: 'x'.repeat(limit + 1024) } : { contractPadding: 'x'.repeat(limit + 1024) });
            const r = await call(op, '413 oversize body', { ...(await fresh()), body: big, contentType: main?.multipart ? 'application/json' : (main?.contentType ?? 'application/json') });
            expectStatus(op, '413 oversize body', r, 413);
        } else notes.push({ op: op.key, kind: '413', note: `the limit for ${mt} (${limit} bytes) is past what Prism's proxy forwards (10 MB)` });
    }

    // --- 422: a well-typed but corrupt body (an image cut short, an export that does not parse)
    if (promises(op, 422)) {
        const raw = bodies.find(b => b.raw?.corrupt);
        if (raw) {
            const r = await call(op, '422 corrupt body', { ...(await fresh()), body: raw.raw.corrupt(), contentType: raw.contentType });
            expectStatus(op, '422 corrupt body', r, 422);
        }
    }

    // --- 301 / 308: an old slug of a renamed item
    const redirect = [op.method === 'get' ? 301 : 308, 301, 308].find(c => promises(op, c));
    if (redirect && op.params.some(p => p.in === 'path' && p.name === 'slug')) {
        const renamed = await fixture(collectionOf(op.template, 'slug'), 'renamed').catch(e => { notes.push({ op: op.key, kind: `${redirect}`, note: `no renamed item: ${e.message}` }); });
        if (renamed) {
            // Prism's proxy follows redirects: this one goes straight to the service, checked by Prism's validator.
            // The body keeps no slug of its own (a PUT without slug keeps the current one).
            const body = main?.json && main.body && typeof main.body === 'object' && !Array.isArray(main.body) ? (({ slug, ...rest }) => rest)(main.body) : base.body;
            const r = await call(op, `${redirect} old slug`, { ...base, body, params: { ...params, slug: renamed.slug }, via: SERVICE });
            expectStatus(op, `${redirect} old slug`, r, redirect);
        }
    }

    // --- 409: a slug another item has, or the same submission twice, or deleting an item still in use
    if (promises(op, 409)) {
        const slugged = main?.json && Object.values(op.body.content).some(c => S(c.schema ?? {}).properties?.slug);
        if (slugged && main.body && typeof main.body === 'object' && !Array.isArray(main.body)) {
            const collection = op.method === 'post' ? op.template : collectionOf(op.template, 'slug');
            const other = await fixture(collection, 'other').catch(() => undefined);
            if (other?.slug) {
                const r = await call(op, '409 slug taken', { ...base, body: { ...main.body, slug: other.slug } });
                expectStatus(op, '409 slug taken', r, 409);
            }
        } else if (op.method === 'post' && main?.json) {
            const again = { ...base, params: await resolveParams(op.template, false) };
            await call(op, 'success', again);
            const r = await call(op, '409 same body twice', again);
            expectStatus(op, '409 same body twice', r, 409);
        } else if (op.method === 'delete') {
            // the shared item is in use (articles in the category, the media as a cover); made again if it went
            const r = await call(op, '409 in use', { ...base, params: await resolveParams(op.template, false) });
            expectStatus(op, '409 in use', r, 409);
            if (r.status < 300) for (const k of fixtures.keys()) if (k.startsWith(`${collectionOf(op.template, op.params.find(p => p.in === 'path')?.name ?? '')}#`)) fixtures.delete(k);
        } else if (/\/restore$/.test(op.template) && !pre.fresh) {
            // nothing generic
        } else if (/\/restore$/.test(op.template)) {
            const r = await call(op, '409 not in the trash', base);
            expectStatus(op, '409 not in the trash', r, 409);
        }
    }

    // --- 406, 414, 431: edge refusals every operation lists
    if (promises(op, 406)) {
        const r = await call(op, '406 Accept text/csv', { ...(await fresh()), headers: { accept: 'text/csv' } });
        expectStatus(op, '406 Accept text/csv', r, 406);
    }
    if (promises(op, 414)) {
        const r = await call(op, '414 long URL', { ...(await fresh()), query: { ...query, contractPadding: 'x'.repeat(4200) } });
        expectStatus(op, '414 long URL', r, 414);
    }
    if (promises(op, 431)) {
        const r = await call(op, '431 large headers', { ...(await fresh()), headers: { 'x-contract-padding': 'x'.repeat(21 * 1024) } });
        expectStatus(op, '431 large headers', r, 431);
    }
}

// 429: the operations that promise it are called as they succeed until they are refused.
async function rateLimit(op) {
    if (!promises(op, 429)) return;
    aimed.get(op.key).add('429');
    for (let i = 0; i < 100; i++) {
        const params = await resolveParams(op.template, false);
        const ctx = contextFor(op, params);
        const [b] = await bodiesFor(op, ctx);
        const r = await call(op, '429 until refused', { params, query: await queryFor(op, ctx), body: b?.body, contentType: b?.contentType, token: op.secured ? ADMIN : undefined });
        if (r.status === 429) {
            if (!r.headers['retry-after']) violations.push({ op: op.key, kind: '429', status: 429, what: ['429 without Retry-After'] });
            return;
        }
        if (r.status >= 400) { notes.push({ op: op.key, kind: '429', note: `stopped: ${r.status} ${r.buffer.toString('utf8', 0, 200)}` }); return; }
    }
    notes.push({ op: op.key, kind: '429', note: 'not refused after 100 calls' });
}

// 503: the database goes away (the relay closes); every operation is called as it would succeed.
async function databaseOutage() {
    if (!RELAY_PID) { notes.push({ op: '-', kind: '503', note: 'RELAY_PID not set: no outage walked' }); return; }
    process.kill(RELAY_PID, 'SIGUSR2');
    await new Promise(r => setTimeout(r, 500));
    const targets = [];
    for (const op of operations) {
        if (!promises(op, 503)) continue;
        aimed.get(op.key).add('503');
        // items already made; the outage walk makes nothing
        const params = {};
        let ok = true;
        for (const m of op.template.matchAll(/\{([^}]+)\}/g)) {
            const tabled = PATH_VALUES[`${op.template} ${m[1]}`];
            const collection = collectionOf(op.template, m[1]);
            const item = tabled ? undefined : (await fixtures.get(`${collection}#shared`)?.catch(() => undefined)) ?? lastMade.get(collection);
            params[m[1]] = tabled ? tabled() : item?.[m[1]] ?? (m[1].endsWith('Id') ? item?.id : undefined);
            if (params[m[1]] === undefined) ok = false;
        }
        if (!ok) continue;
        targets.push({ op, params });
    }
    let i = 0;
    const worker = async () => {
        while (i < targets.length) {
            const { op, params } = targets[i++];
            let body, contentType;
            if (op.body?.content) {
                const mt = Object.keys(op.body.content).find(isJson);
                if (mt) { body = op.method === 'patch' ? {} : await sample(op.body.content[mt].schema ?? {}, { fixture: async () => ({ slug: 'x', id: 1 }), params, sink: sinkUrl }).catch(() => ({})); contentType = mt; }
            }
            const query = {};
            for (const p of op.params.filter(p => p.in === 'query' && p.required)) query[p.name] = exampleOf(p)?.value ?? 'x';
            const r = await call(op, '503 database unreachable', { params, query, body, contentType, token: op.secured ? ADMIN : undefined });
            if (r.status === 503 && !r.headers['retry-after']) violations.push({ op: op.key, kind: '503', status: 503, what: ['503 without Retry-After'] });
            if (r.status !== 503) notes.push({ op: op.key, kind: '503', note: `with the database unreachable: ${r.status}${documented(op, r.status) ? ' (documented)' : ''}` });
        }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
}

// ---------------------------------------------------------------------------------------------------- main
async function main() {
    const started = Date.now();
    const sink = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(204); res.end(); }); });
    await new Promise(r => sink.listen(sinkPort, '127.0.0.1', r));
    sinkUrl = `http://127.0.0.1:${sink.address().port}/contract-hook`;

    console.log(`contract walk: ${operations.length} operations in ${DOC_FILE}, through Prism at ${PRISM.origin}`);
    // tokens of the lower roles, through the document's token route
    const tokensPost = operations.find(op => op.method === 'post' && /\/tokens$/.test(op.template));
    if (tokensPost) {
        for (const role of ['author', 'editor']) {
            const t = await callOp('post', tokensPost.template, { body: { name: `contract ${role} ${unique()}`, role } });
            TOKENS[role] = t.token;
        }
    }

    const rateLimited = [];
    for (const op of operations) {
        try {
            await walkOperation(op);
        } catch (e) {
            notes.push({ op: op.key, kind: 'walk', note: `walk stopped: ${e.stack?.split('\n').slice(0, 3).join(' | ')}` });
        }
        if (promises(op, 429)) rateLimited.push(op);
    }
    for (const op of rateLimited) await rateLimit(op).catch(e => notes.push({ op: op.key, kind: '429', note: e.message }));
    await databaseOutage();
    sink.close();
    agent.destroy();

    // ------------------------------------------------------------------------------------------------ report
    console.log(`\n== Coverage: ${operations.length} operations, ${requests} requests, ${Math.round((Date.now() - started) / 1000)} s`);
    let provokedTotal = 0, documentedTotal = 0;
    for (const op of operations) {
        const st = seen.get(op.key);
        const docCodes = Object.keys(op.responses);
        const missing = docCodes.filter(c => !st.has(Number(c)));
        provokedTotal += docCodes.length - missing.length;
        documentedTotal += docCodes.length;
        console.log(`${op.key.padEnd(62)} seen ${[...st.keys()].sort().join(',') || '-'}${missing.length ? `   not provoked: ${missing.join(',')}` : ''}`);
    }
    console.log(`documented statuses provoked: ${provokedTotal} of ${documentedTotal}`);
    const mismatches = notes.filter(n => n.note.startsWith('aimed at'));
    const other = notes.filter(n => !n.note.startsWith('aimed at'));
    if (other.length) {
        console.log(`\n== Notes (${other.length})`);
        for (const n of other) console.log(`- ${n.op} [${n.kind}] ${n.url ?? ''}\n    ${n.note}`);
    }
    if (mismatches.length) {
        console.log(`\n== Refusals aimed at that came out otherwise (${mismatches.length}; documented answers are not failures)`);
        for (const n of mismatches) console.log(`- ${n.op} [${n.kind}] ${n.note}`);
    }
    if (violations.length) {
        // one entry per operation, status and kind of violation, with how often and in which cases it was seen
        const groups = new Map();
        for (const v of violations) {
            const what = [...new Set(v.what.map(w => w.replace(/\.\d+\./g, '.N.').replace(/ items\.\d+\./g, ' items.N.')))];
            const key = `${v.op} -> ${v.status}\n${what.join('\n')}`;
            if (!groups.has(key)) groups.set(key, { v, what, cases: new Set(), count: 0 });
            const g = groups.get(key);
            g.count++;
            g.cases.add(v.kind);
        }
        console.log(`\n== VIOLATIONS: ${violations.length} answers the document does not describe (${groups.size} distinct)`);
        for (const g of groups.values()) {
            console.log(`- ${g.v.op} -> ${g.v.status}  (${g.count}x; cases: ${[...g.cases].join(', ')}; e.g. ${g.v.url ?? ''})`);
            for (const w of g.what) console.log(`    ${w}`);
            if (g.v.body) console.log(`    body: ${g.v.body.replace(/\s+/g, ' ').slice(0, 300)}`);
        }
        process.exitCode = 1;
    } else console.log('\nNo violations: every answer is described by the document.');
}

main().catch(e => { console.error(e); process.exitCode = 2; });
