// The hand-written part of the walk: how to make a valid value for X, where the OpenAPI document alone cannot say
// (a reference to something that must exist, a value that must be unique, a precondition). Everything else (which
// operations exist, their parameters, bodies, security, roles and documented answers) comes from the document.

export const OMIT = Symbol('omit');

let counter = 0;
export const unique = () => `${Date.now().toString(36)}-${++counter}`;

// A 1x1 GIF made only of bytes below 0x80. Prism's proxy reads every non-JSON request body as UTF-8 text before
// forwarding it, which would corrupt a real binary file; this one survives that round trip unchanged. A comment
// block makes each one different (the media library answers the same bytes with the item it already has).
export function asciiGif(comment = unique()) {
    const text = Buffer.from(String(comment).replace(/[^\x20-\x7e]/g, '').slice(0, 120), 'ascii');
    return Buffer.concat([
        Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]), // header, 1x1, no colour table
        Buffer.from([0x21, 0x01, 0x0c, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, text.length]), text, Buffer.from([0x00]), // plain text extension
        Buffer.from([0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), // image descriptor
        Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00]), // LZW: clear, pixel 0, end
        Buffer.from([0x3b]), // trailer
    ]);
}

// A legacy post, for POST /imports/wordpress and then GET /redirects?path=...
export const WXR_POST_PATH = '/2024/02/23/contract-imported-post';
export function wxr(id) {
    return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Contract check site</title>
<link>https://old.example.com</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example.com</wp:base_site_url>
<wp:base_blog_url>https://old.example.com</wp:base_blog_url>
<item>
<title>Contract imported post ${id}</title>
<link>https://old.example.com${WXR_POST_PATH}/</link>
<pubDate>Fri, 23 Feb 2024 09:30:00 +0000</pubDate>
<dc:creator><![CDATA[contract]]></dc:creator>
<content:encoded><![CDATA[<p>Imported by the contract check.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id>
<wp:post_date>2024-02-23 09:30:00</wp:post_date>
<wp:post_date_gmt>2024-02-23 09:30:00</wp:post_date_gmt>
<wp:post_name>contract-imported-post</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
</item>
</channel>
</rss>
`;
}

// Request bodies the walk can make for a media type (besides JSON, which is generated from the schema).
// Each answers { valid, corrupt } builders: `corrupt` is well typed but unusable (a 422 candidate).
export const RAW_BODIES = {
    'image/gif': { valid: () => asciiGif(), corrupt: () => asciiGif().subarray(0, 20), oversize: n => Buffer.concat([asciiGif(), Buffer.alloc(n, 0x41)]) },
    'application/octet-stream': { valid: () => asciiGif(), corrupt: () => asciiGif().subarray(0, 20), oversize: n => Buffer.concat([asciiGif(), Buffer.alloc(n, 0x41)]) },
    'application/xml': {
        valid: () => Buffer.from(wxr(Math.floor(Math.random() * 1e6) + 100)),
        corrupt: () => Buffer.from('<?xml version="1.0"?><rss><channel><item><title>cut short'),
        oversize: n => Buffer.from(wxr(1) + `<!-- ${'x'.repeat(n)} -->`),
    },
};

// The size limits the service is started with (.ci/contract-check.sh), per kind of body, for the 413 probes.
const size = s => { const m = /^(\d+)([KMG]?)$/i.exec(s ?? ''); return m ? Number(m[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase()] : undefined; };
export const LIMITS = {
    json: size(process.env.CMS_MAX_BODY_SIZE ?? '1M'),
    image: size(process.env.CMS_MEDIA_MAX_UPLOAD_SIZE ?? '20M'),
    import: size(process.env.CMS_IMPORTS_MAX_SIZE ?? '512M'),
};
export const limitFor = mediaType => mediaType.startsWith('image/') || mediaType === 'application/octet-stream' ? LIMITS.image
    : /xml|gzip|multipart/.test(mediaType) ? (mediaType === 'multipart/form-data' ? LIMITS.image : LIMITS.import) : LIMITS.json;

// Property values, by "Schema.property" or by "property". ctx: { fixture(collection, variant), op, params, sink }.
export const PROPERTY_VALUES = {
    // references to things that must exist
    categorySlug: async ctx => (await ctx.fixture('/api/v1/categories')).slug,
    articleSlug: async ctx => (await ctx.fixture('/api/v1/articles', 'other')).slug,
    mediaId: async ctx => (await ctx.fixture('/api/v1/media')).id,
    parentSlug: async ctx => ctx.variant === 'parent' ? OMIT : (await ctx.fixture('/api/v1/categories', 'parent')).slug,
    'CommentCreate.parentId': OMIT, // must name an approved comment of the same article
    'CommentCreate.homepage': OMIT, // the honeypot: filling it makes the comment spam
    'Image': async ctx => ({ mediaId: (await ctx.fixture('/api/v1/media')).id, alt: 'Contract check cover' }),
    'WebhookWrite.url': ctx => ctx.sink,
    // unique where the service wants unique
    slug: ctx => ctx.params.slug ?? `contract-${unique()}`, // keep the current slug on updates
    'ArticleWrite.title': () => `Contract check article ${unique()}`,
    'CategoryWrite.name': () => `Contract category ${unique()}`,
    'CommentCreate.body': () => `Contract check comment ${unique()}`,
    'TokenCreate.name': () => `contract ${unique()}`,
    // states that make the fixture usable by the public routes
    'ArticleWrite.status': 'published',
    'ArticleWrite.publishedAt': '2024-02-23T09:30:00Z',
    'TokenCreate.role': 'editor',
    'TokenCreate.expiresAt': '2099-01-01T00:00:00Z',
    'CommentStatusChange.status': 'approved',
    'CommentBulkChange.status': 'approved',
    'CommentBulkChange.delete': OMIT,
    'CommentBulkChange.ids': async ctx => [(await ctx.fixture('/api/v1/comments', 'fresh')).id],
};

// Query parameters that are required (or that an operation needs) and a document example cannot give.
export const QUERY_VALUES = {
    'GET /api/v1/redirects path': async ctx => { await ctx.fixture('/api/v1/imports'); return WXR_POST_PATH + '/'; },
};

// Path parameters that are not the id/slug of an item of a collection the walk can create or list.
export const PATH_VALUES = {
    '/api/v1/sitemaps/articles-{n}.xml n': () => 1,
};

// How to make an item of a collection that has no POST of its own (otherwise its POST is used, or its GET's first item).
export const MAKERS = {
    '/api/v1/comments': ctx => ctx.callOp('post', '/api/v1/articles/{slug}/comments'),
    '/api/v1/imports': async ctx => {
        const created = await ctx.callOp('post', '/api/v1/imports/wordpress', { contentType: 'application/xml' });
        for (let i = 0; i < 100; i++) { // wait for the background import to end
            const r = await ctx.callOp('get', '/api/v1/imports/{id}', { params: { id: created.id } });
            if (['succeeded', 'failed'].includes(r.state)) return r;
            await new Promise(res => setTimeout(res, 200));
        }
        return created;
    },
};

// What must happen before an operation's success case (by "METHOD template"), on the item it is given.
export const PRECONDITIONS = {
    // restore from the trash: the item must be in it
    'POST /api/v1/articles/{slug}/restore': { fresh: true, before: ctx => ctx.callOp('delete', '/api/v1/articles/{slug}', { params: ctx.params }) },
    'POST /api/v1/comments/{id}/restore': {
        fresh: true,
        before: ctx => ctx.callOp('patch', '/api/v1/comments/{id}', { params: ctx.params, body: { status: 'trash' } }),
    },
    // a working copy must exist
    'GET /api/v1/articles/{slug}/autosave': { before: ctx => ctx.callOp('put', '/api/v1/articles/{slug}/autosave', { params: ctx.params }) },
    'DELETE /api/v1/articles/{slug}/autosave': { before: ctx => ctx.callOp('put', '/api/v1/articles/{slug}/autosave', { params: ctx.params }) },
    'POST /api/v1/articles/{slug}/autosave/promote': { before: ctx => ctx.callOp('put', '/api/v1/articles/{slug}/autosave', { params: ctx.params }) },
    // a delivery exists once a test event was sent
    'GET /api/v1/webhooks/{id}/deliveries': { before: ctx => ctx.callOp('post', '/api/v1/webhooks/{id}/test', { params: ctx.params }) },
};
