// A front-end's view of the API through a client generated from openapi/openapi.yaml: if the document
// describes a shape wrongly, this fails to compile (tsc --strict) or fails at run time.
import createClient from "openapi-fetch";
import type { paths, components } from "./generated/api.js";

type ArticleSummary = components["schemas"]["ArticleSummary"];

const baseUrl = process.env.BASE_URL ?? "http://127.0.0.1:18080";
const token = process.env.CMS_TOKEN ?? "";
const api = createClient<paths>({ baseUrl });
const editor = { headers: { Authorization: `Bearer ${token}` } };

let passed = 0;
let failed = 0;
function check(name: string, ok: boolean, detail = ""): void {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name} ${detail}`);
  }
}

const suffix = Date.now().toString(36);
const category = await api.POST("/api/v1/categories", { body: { name: `Client check ${suffix}` }, ...editor });
check("an editor creates a category", category.response.status === 201 && category.data !== undefined);
const categorySlug: string = category.data?.slug ?? "";

const slugs: string[] = [];
for (const title of ["First story", "Second story"]) {
  const created = await api.POST("/api/v1/articles", {
    body: { title: `${title} ${suffix}`, categorySlug, tags: ["client-check"], status: "published", body: "Hello **world**." },
    ...editor,
  });
  if (created.data?.slug) slugs.push(created.data.slug);
}
check("an editor publishes two articles", slugs.length === 2);

const list = await api.GET("/api/v1/articles", { params: { query: { category: categorySlug, size: 10 } } });
const items: ArticleSummary[] = list.data?.items ?? [];
check("the list shows them, newest first", items.length === 2 && items[0]?.slug === slugs[1], JSON.stringify(list.error));
check("the list answers totals", list.data?.totalItems === 2 && list.response.headers.get("X-Total-Count") === "2");

const first = slugs[0] ?? "";
const article = await api.GET("/api/v1/articles/{slug}", { params: { path: { slug: first }, query: { include: ["related"] } } });
const related = article.data?.related?.items ?? [];
check("an article reads with its breadcrumb", article.data?.category?.path?.[0]?.slug === categorySlug);
check("include=related embeds the related block", related.length > 0 && related.every((r) => r.kind === "article" || r.kind === "external"));

const comment = await api.POST("/api/v1/articles/{slug}/comments", {
  params: { path: { slug: first } },
  body: { authorName: "Client check", authorEmail: `reader-${suffix}@example.com`, body: "Typed all the way." },
});
check("a reader posts a comment", comment.response.status === 202 && comment.data?.status === "pending");

// A library image through the generated client: a multipart upload, then the article's cover names it.
const pixel = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFElEQVR4nGP4z8DAAMIM////ZwAAHu8E/KPItPcAAAAASUVORK5CYII=", "base64");
const form = new FormData();
form.append("file", new Blob([pixel], { type: "image/png" }), `client-check-${suffix}.png`);
form.append("alt", "Four pixels");
const uploaded = await api.POST("/api/v1/media", { body: form as never, bodySerializer: (b: unknown) => b as FormData, ...editor });
const mediaId = uploaded.data?.id ?? 0;
check("an author uploads an image as a form", (uploaded.response.status === 201 || uploaded.response.status === 200)
  && uploaded.data?.contentType === "image/png" && uploaded.data?.width === 2, JSON.stringify(uploaded.error));
const pictured = await api.POST("/api/v1/articles", {
  body: { title: `Pictured story ${suffix}`, categorySlug, status: "draft", coverImage: { mediaId } },
  ...editor,
});
const cover = pictured.data?.coverImage;
check("an article's cover names the library image", cover?.mediaId === mediaId && cover?.alt === "Four pixels"
  && cover?.width === 2 && (cover?.srcset ?? "").includes("2w"), JSON.stringify(pictured.error));

// What a strict front-end writes (tsc --strict): every field the service always sends is typed as present,
// and only what can be null or absent says so. This block is the README's "Use it from a front-end".
const front = await api.GET("/api/v1/articles", { params: { query: { category: categorySlug, size: 10 } } });
if (front.error) throw new Error(front.error.detail);
const slug: string = front.data.items[0].slug;
const title: string = front.data.items[0].title;
const page = await api.GET("/api/v1/articles/{slug}", { params: { path: { slug }, query: { include: ["related", "comments"] } } });
if (page.error) throw new Error(`${page.error.status} ${page.error.title}: ${page.error.detail}`);
const breadcrumb: string[] = page.data.category?.path.map((c) => c.name) ?? [];
const byline: string | null = page.data.author.name;
const teasers: string[] = page.data.related?.items.map((r) => r.title) ?? [];
const thread: number = page.data.comments?.items.length ?? 0;
check("strict types: a page reads without assertions", slug === slugs[1] && title.length > 0 && breadcrumb.length > 0
  && byline === null && teasers.length > 0 && thread === 0, JSON.stringify({ slug, breadcrumb, byline, teasers, thread }));

const missing = await api.GET("/api/v1/articles/{slug}", { params: { path: { slug: `no-such-${suffix}` } } });
check("a missing article is a typed problem", missing.response.status === 404 && missing.error?.status === 404);

console.log(`client-check: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
