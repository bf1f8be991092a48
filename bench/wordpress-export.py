#!/usr/bin/env python3
"""Writes a large, realistic WordPress export (WXR 1.2) for import benchmarks, streaming to disk.

  wordpress-export.py --posts 20000 --out /tmp/big.xml [--comments-per-post 5] [--seed 1]

The export looks like one WordPress 6 writes for a classic-editor news site: 20 authors, about 30
categories nested up to three deep, about 200 tags, posts of 2-6 KB of HTML paragraphs (now and then a
[caption] around the post's image, an [embed] or a bare YouTube line, a shortcode no importer knows),
mostly published with some drafts (post_date_gmt 0000-00-00 00:00:00), scheduled, pending and private
posts, threaded comments (on average --comments-per-post per published post; some replies, some held,
some spam or pingbacks), a page every hundred posts and an image attachment for one post in four.
Items come in id order, so a featured image (_thumbnail_id) points forward to the attachment after
its post, as in real exports. The same seed writes the same bytes. An --out ending in .gz is gzipped.
Only the standard library is used; nothing is held in memory but the item being written.
"""
import argparse
import datetime
import gzip
import io
import os
import random
import unicodedata

WORDS = """the a of and to in is that for on with as newsroom robot coffee espresso city council budget school
river bridge market price energy solar wind train station museum library festival music film theatre
election vote mayor minister report study science data model team season match goal coach player
weather storm rain summer winter harvest farm village harbour ship airport flight road traffic police
court judge law health hospital doctor nurse water park garden tree forest mountain lake island
history archive letter photo camera screen phone network software code open source developer
startup company worker union strike wage rent house street neighbour story reader editor column
morning evening night week month year today yesterday tomorrow early late quickly slowly again
new old big small long short local national global public private free fair quiet loud bright dark
says said asks asked finds found shows showed plans planned opens opened closes closed grows grew""".split()

FIRST = ["Jane", "Hélène", "Ana", "Tomás", "Björn", "Chloé", "Kenji", "Zoë", "Omar", "Łukasz",
         "Maria", "Søren", "Amélie", "Rui", "Ingrid", "Noël", "Ayşe", "Pavel", "Grace", "Jürgen"]
LAST = ["Doe", "Müller", "Lima", "García", "Ångström", "Dubois", "Tanaka", "O'Brien", "Haddad", "Wójcik",
        "Rossi", "Kierkegaard", "Lefèvre", "Sousa", "Berg", "Noël", "Yılmaz", "Novák", "Hopper", "Schäfer"]
TOPICS = ["Politics", "Business", "Technology, News & Trends", "Science", "Culture", "Sport", "Travel",
          "Food & Drink", "Health", "Opinion"]
SUBTOPICS = ["local", "world", "city", "energy", "climate", "football", "tennis", "books", "cinema",
             "startups", "markets", "housing", "transport", "schools", "research", "restaurants", "wine"]
STATUSES = [("publish", 85), ("draft", 6), ("future", 4), ("pending", 3), ("private", 2)]
COMMENT_STATES = [("1", 85), ("0", 8), ("spam", 5), ("trash", 2)]
UNKNOWN_SHORTCODES = ['[contact-form-7 id="{n}" title="Contact"]', '[newsletter_signup list="{n}"]',
                      '[ad slot="{n}"]', '[poll id="{n}"]']
BASE = "https://example.com"
START = datetime.datetime(2015, 1, 1, 8, 0, 0)


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def html_escape(text):
    """WordPress stores term names and the like HTML-escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slugify(text):
    out, dash = [], False
    for ch in unicodedata.normalize("NFKD", text.lower()):
        if unicodedata.combining(ch):
            continue
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def weighted(rng, choices):
    total = sum(w for _, w in choices)
    pick = rng.uniform(0, total)
    for value, weight in choices:
        pick -= weight
        if pick <= 0:
            return value
    return choices[-1][0]


def fmt(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def rfc822(moment):
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


def sentence(rng, low=6, high=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


class Export:
    def __init__(self, out, rng, args):
        self.out, self.rng, self.args = out, rng, args
        self.counts = {"post": 0, "page": 0, "attachment": 0, "comments": 0}
        self.statuses = {}
        self.comment_states = {}
        self.next_comment = 1

    def w(self, text):
        self.out.write(text)

    def element(self, name, value, indent="\t\t", raw=False):
        self.w(f"{indent}<{name}>{value if raw else cdata(value)}</{name}>\n")

    # ---- the channel head -----------------------------------------------------------------------------------

    def head(self):
        self.w('<?xml version="1.0" encoding="UTF-8" ?>\n'
               f'<!-- A generated WordPress export for benchmarks (bench/wordpress-export.py: posts {self.args.posts},'
               f' comments per post {self.args.comments_per_post}, seed {self.args.seed}) -->\n'
               '<rss version="2.0"\n'
               '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
               '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
               '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
               '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
               '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n'
               '\t<title>Generated Newsroom</title>\n'
               f'\t<link>{BASE}</link>\n'
               '\t<description>A generated site</description>\n'
               '\t<language>en-US</language>\n'
               '\t<wp:wxr_version>1.2</wp:wxr_version>\n'
               f'\t<wp:base_site_url>{BASE}</wp:base_site_url>\n'
               f'\t<wp:base_blog_url>{BASE}</wp:base_blog_url>\n\n')

    def authors(self):
        self.logins = []
        for i in range(20):
            first, last = FIRST[i], LAST[i]
            login = f"{slugify(first).replace('-', '')[:6]}{i + 1:02d}"
            self.logins.append(login)
            self.w("\t<wp:author>\n")
            self.element("wp:author_id", str(i + 1), raw=True)
            self.element("wp:author_login", login)
            self.element("wp:author_email", f"{login}@example.com")
            self.element("wp:author_display_name", html_escape(f"{first} {last}"))
            self.element("wp:author_first_name", first)
            self.element("wp:author_last_name", last)
            self.w("\t</wp:author>\n")

    def categories(self):
        """Ten top-level topics, children under most of them and grandchildren under some: 30 in all."""
        rng, term = self.rng, 1
        self.category_slugs = []
        tree = []
        for topic in TOPICS:
            tree.append((topic, None))
        parents = list(range(len(TOPICS)))
        while len(tree) < 30:
            parent_index = rng.choice(parents)
            parent_name, grand = tree[parent_index]
            name = f"{rng.choice(SUBTOPICS)} {rng.choice(WORDS[12:])}".capitalize()
            if any(n == name for n, _ in tree):
                continue
            tree.append((name, parent_index))
            if grand is None:  # a child of a top level may have children (third level), not deeper
                parents.append(len(tree) - 1)
        slugs = []
        for name, parent in tree:
            slug = slugify(name)
            while slug in slugs:
                slug += "-2"
            slugs.append(slug)
            self.w("\t<wp:category>\n")
            self.element("wp:term_id", str(term), raw=True)
            self.element("wp:category_nicename", slug)
            self.element("wp:category_parent", "" if parent is None else slugs[parent])
            self.element("wp:cat_name", html_escape(name))
            if parent is None:
                self.element("wp:category_description", f"All about {name.lower()}.")
            self.w("\t</wp:category>\n")
            self.category_slugs.append((slug, html_escape(name)))
            term += 1
        self.tag_slugs = []
        while len(self.tag_slugs) < 200:
            name = rng.choice(WORDS) if len(self.tag_slugs) < 60 else f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
            slug = slugify(name)
            if not slug or any(s == slug for s, _ in self.tag_slugs):
                continue
            self.w("\t<wp:tag>\n")
            self.element("wp:term_id", str(term), raw=True)
            self.element("wp:tag_slug", slug)
            self.element("wp:tag_name", name)
            self.w("\t</wp:tag>\n")
            self.tag_slugs.append((slug, name))
            term += 1
        self.w("\n\t<generator>https://wordpress.org/?v=6.4.3</generator>\n\n")

    # ---- items ----------------------------------------------------------------------------------------------

    def content(self, post_id, image):
        """2-6 KB of classic-editor HTML: paragraphs separated by blank lines, sometimes a line break inside."""
        rng = self.rng
        target = rng.randint(2000, 6000)
        parts, size, placed = [], 0, False
        while size < target:
            roll = rng.random()
            if image and not placed and roll < 0.15:
                part = (f'[caption id="attachment_{image[0]}" align="alignnone" width="640"]<img src="{image[1]}" '
                        f'alt="{sentence(rng, 2, 4)[:-1]}" width="640" height="427" class="size-large wp-image-{image[0]}" /> '
                        f'{sentence(rng, 4, 9)}[/caption]')
                placed = True
            elif roll < 0.03:
                part = f"https://www.youtube.com/watch?v={rng.randrange(16 ** 11):011x}"
            elif roll < 0.05:
                part = f"[embed]https://vimeo.com/{rng.randint(1000000, 99999999)}[/embed]"
            elif roll < 0.065:
                part = rng.choice(UNKNOWN_SHORTCODES).format(n=rng.randint(1, 99))
            elif roll < 0.2:
                part = (f"{sentence(rng)} <strong>{sentence(rng, 3, 6)}</strong>\n"
                        f'{sentence(rng)} <a href="{BASE}/?p={rng.randint(1, post_id)}">{rng.choice(WORDS)}</a>.')
            else:
                part = paragraph(rng)
            parts.append(part)
            size += len(part) + 2
        return "\n\n".join(parts)

    def item_head(self, title, link, moment, creator, guid, content, excerpt):
        self.w("\t<item>\n")
        self.element("title", title)
        self.element("link", link, raw=True)
        self.element("pubDate", rfc822(moment), raw=True)
        self.element("dc:creator", creator)
        self.w(f'\t\t<guid isPermaLink="false">{guid}</guid>\n\t\t<description></description>\n')
        self.element("content:encoded", content)
        self.element("excerpt:encoded", excerpt)

    def item_wp(self, post_id, local, gmt, name, status, parent, post_type, sticky=False, password=""):
        self.element("wp:post_id", str(post_id), raw=True)
        self.element("wp:post_date", fmt(local))
        self.element("wp:post_date_gmt", gmt)
        self.element("wp:post_modified", fmt(local))
        self.element("wp:post_modified_gmt", gmt)
        self.element("wp:comment_status", "open")
        self.element("wp:ping_status", "open")
        self.element("wp:post_name", name)
        self.element("wp:status", status)
        self.element("wp:post_parent", str(parent), raw=True)
        self.element("wp:menu_order", "0", raw=True)
        self.element("wp:post_type", post_type)
        self.element("wp:post_password", password)
        self.element("wp:is_sticky", "1" if sticky else "0", raw=True)

    def meta(self, key, value):
        self.w("\t\t<wp:postmeta>\n")
        self.element("wp:meta_key", key, indent="\t\t\t")
        self.element("wp:meta_value", value, indent="\t\t\t")
        self.w("\t\t</wp:postmeta>\n")

    def post(self, post_id, image_id, index):
        rng = self.rng
        status = weighted(rng, STATUSES)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        moment = START + datetime.timedelta(minutes=index * 211 + rng.randint(0, 120))
        if status == "future":
            moment = datetime.datetime(2031, 1, 1, 8) + datetime.timedelta(hours=index)
        local = moment + datetime.timedelta(hours=1)
        gmt = "0000-00-00 00:00:00" if status == "draft" else fmt(moment)
        title = sentence(rng, 3, 9)[:-1]
        slug = "" if status == "draft" else f"{slugify(title)[:60].strip('-')}-{post_id}"
        public = status in ("publish", "private")
        link = f"{BASE}/{moment:%Y/%m/%d}/{slug}/" if public else f"{BASE}/?p={post_id}"
        image = (image_id, f"{BASE}/wp-content/uploads/{moment:%Y/%m}/photo-{image_id}.jpg") if image_id else None
        self.item_head(title, link, moment, rng.choice(self.logins), f"{BASE}/?p={post_id}",
                       self.content(post_id, image), sentence(rng) if rng.random() < 0.3 else "")
        self.item_wp(post_id, local, gmt, slug, status, 0, "post", sticky=rng.random() < 0.002,
                     password="secret" if rng.random() < 0.005 else "")
        for slug_, name in rng.sample(self.category_slugs, rng.randint(1, 2)):
            self.w(f'\t\t<category domain="category" nicename="{slug_}">{cdata(name)}</category>\n')
        for slug_, name in rng.sample(self.tag_slugs, rng.randint(0, 5)):
            self.w(f'\t\t<category domain="post_tag" nicename="{slug_}">{cdata(name)}</category>\n')
        self.meta("_edit_last", "1")
        if image:
            self.meta("_thumbnail_id", str(image_id))
        if status == "publish":
            self.comments(moment)
        self.w("\t</item>\n")
        self.counts["post"] += 1
        return moment, image

    def comments(self, moment):
        rng, mean = self.rng, self.args.comments_per_post
        count = rng.randint(0, 2 * mean) if mean > 0 else 0
        ids = []
        for n in range(count):
            comment_id = self.next_comment
            self.next_comment += 1
            when = moment + datetime.timedelta(minutes=17 * (n + 1) + rng.randint(0, 600))
            pingback = rng.random() < 0.02
            state = "1" if pingback else weighted(rng, COMMENT_STATES)
            self.comment_states[state] = self.comment_states.get(state, 0) + 1
            parent = rng.choice(ids) if ids and not pingback and rng.random() < 0.35 else 0
            first, last = rng.choice(FIRST), rng.choice(LAST)
            self.w("\t\t<wp:comment>\n")
            t = "\t\t\t"
            self.element("wp:comment_id", str(comment_id), indent=t, raw=True)
            self.element("wp:comment_author", f"{first} {last}" if not pingback else f"Other blog &raquo; {sentence(rng, 2, 4)}", indent=t)
            self.element("wp:comment_author_email", "" if pingback else f"{slugify(first).replace('-', '')}.{comment_id}@example.net", indent=t)
            self.element("wp:comment_author_url", f"https://blog{comment_id % 97}.example.org/" if pingback or rng.random() < 0.3 else "",
                         indent=t, raw=True)
            self.element("wp:comment_author_IP", f"203.0.{comment_id % 250}.{rng.randint(1, 254)}", indent=t)
            self.element("wp:comment_date", fmt(when + datetime.timedelta(hours=1)), indent=t)
            self.element("wp:comment_date_gmt", fmt(when), indent=t)
            text = "\n\n".join(sentence(rng, 5, 25) for _ in range(rng.randint(1, 3)))
            self.element("wp:comment_content", f"[&#8230;] {text} [&#8230;]" if pingback else text, indent=t)
            self.element("wp:comment_approved", state, indent=t)
            self.element("wp:comment_type", "pingback" if pingback else "comment", indent=t)
            self.element("wp:comment_parent", str(parent), indent=t, raw=True)
            self.element("wp:comment_user_id", "0", indent=t, raw=True)
            self.w("\t\t</wp:comment>\n")
            ids.append(comment_id)
        self.counts["comments"] += count

    def attachment(self, attachment_id, parent_id, moment, url):
        rng = self.rng
        caption = sentence(rng, 4, 9)
        name = url.rsplit("/", 1)[1][:-4]
        self.item_head(name, f"{BASE}/?attachment_id={attachment_id}", moment, rng.choice(self.logins), url, "", caption)
        self.item_wp(attachment_id, moment + datetime.timedelta(hours=1), fmt(moment), name, "inherit", parent_id, "attachment")
        self.element("wp:attachment_url", url)
        self.meta("_wp_attached_file", url.split("/uploads/", 1)[1])
        self.meta("_wp_attachment_image_alt", sentence(rng, 2, 5)[:-1])
        self.w("\t</item>\n")
        self.counts["attachment"] += 1

    def page(self, page_id, index):
        rng = self.rng
        moment = START + datetime.timedelta(days=index)
        title = sentence(rng, 1, 3)[:-1]
        slug = f"{slugify(title)}-{page_id}"
        self.item_head(title, f"{BASE}/{slug}/", moment, self.logins[0], f"{BASE}/?page_id={page_id}",
                       "\n\n".join(paragraph(rng) for _ in range(rng.randint(2, 5))), "")
        self.item_wp(page_id, moment + datetime.timedelta(hours=1), fmt(moment), slug, "publish", 0, "page")
        self.meta("_wp_page_template", "default")
        self.w("\t</item>\n")
        self.counts["page"] += 1

    def items(self):
        next_id = 100
        for index in range(self.args.posts):
            if index % 100 == 0:
                self.page(next_id, index // 100)
                next_id += 1
            post_id = next_id
            image_id = post_id + 1 if self.rng.random() < 0.25 else None
            moment, image = self.post(post_id, image_id, index)
            next_id += 1
            if image:
                self.attachment(image_id, post_id, moment, image[1])
                next_id += 1

    def tail(self):
        self.w("</channel>\n</rss>\n")


def main():
    parser = argparse.ArgumentParser(description="Write a generated WordPress export (WXR 1.2).")
    parser.add_argument("--posts", type=int, required=True, help="how many posts")
    parser.add_argument("--out", required=True, help="the file to write (.gz: gzipped)")
    parser.add_argument("--comments-per-post", type=int, default=5, help="average comments per published post")
    parser.add_argument("--seed", type=int, default=1, help="the same seed writes the same file")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    if args.out.endswith(".gz"):
        # mtime 0: the same seed gives the same bytes, compressed too.
        out = io.TextIOWrapper(gzip.GzipFile(args.out, "wb", compresslevel=6, mtime=0), encoding="utf-8", newline="\n")
    else:
        out = open(args.out, "w", encoding="utf-8", newline="\n", buffering=1 << 20)
    with out:
        export = Export(out, rng, args)
        export.head()
        export.authors()
        export.categories()
        export.items()
        export.tail()
    c = export.counts
    statuses = " ".join(f"{k}={v}" for k, v in sorted(export.statuses.items()))
    states = " ".join(f"{k}={v}" for k, v in sorted(export.comment_states.items()))
    size = os.path.getsize(args.out)
    print(f"{args.out}: {c['post']} posts ({statuses}), {c['page']} pages, {c['attachment']} attachments, "
          f"{c['comments']} comments ({states}), {len(export.category_slugs)} categories, {len(export.tag_slugs)} tags, "
          f"20 authors, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
