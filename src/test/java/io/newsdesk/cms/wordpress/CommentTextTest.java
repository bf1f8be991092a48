package io.newsdesk.cms.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a WordPress comment's HTML becomes: the text its reader saw, with its line breaks. */
class CommentTextTest {

    @Test
    void shouldKeepTheLineBreaksAReaderSaw() {
        assertEquals("First line\nsecond line", WordPressImporter.commentText("First line<br />second line"));
        assertEquals("One\n\nTwo & three", WordPressImporter.commentText("<p>One</p><p>Two &amp; three</p>"));
        assertEquals("Typed\nwith newlines", WordPressImporter.commentText("Typed\nwith newlines"));
    }

    @Test
    void shouldKeepTextAndDropMarkupScriptsAndStyles() {
        assertEquals("Nice post! my link …", WordPressImporter.commentText(
                "Nice post! <a href=\"https://spam.example\" rel=\"nofollow\">my <b>link</b></a> &#8230;<script>alert(1)</script><style>p{}</style>"));
        assertEquals("a < b", WordPressImporter.commentText("a &lt; b"));
        assertEquals("", WordPressImporter.commentText(null));
        assertEquals("", WordPressImporter.commentText("<p> </p><br>"));
    }
}
