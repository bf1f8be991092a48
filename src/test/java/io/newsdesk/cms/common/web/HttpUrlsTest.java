package io.newsdesk.cms.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule for supplied URLs, case by case: what it keeps, in which form, and why it refuses the rest. */
class HttpUrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://example.com                          | https://example.com
            '  https://example.com/a  '                  | https://example.com/a
            HTTP://WWW.Example.COM/Path/Keeps/Case       | http://www.example.com/Path/Keeps/Case
            https://example.com:443/a                    | https://example.com/a
            http://example.com:80/a                      | http://example.com/a
            http://example.com:443/a                     | http://example.com:443/a
            https://example.com:08080/a                  | https://example.com:8080/a
            https://example.com:/a                       | https://example.com/a
            https://münchen.example/straße               | https://xn--mnchen-3ya.example/stra%C3%9Fe
            https://my_host.example/                     | https://my_host.example/
            https://example.com./a                       | https://example.com./a
            https://[2001:DB8::1]:8443/x                 | https://[2001:db8::1]:8443/x
            https://127.0.0.1/x                          | https://127.0.0.1/x
            https://example.com/a?x[]=1&y={2}^           | https://example.com/a?x%5B%5D=1&y=%7B2%7D%5E
            https://example.com/100%/done%2F             | https://example.com/100%25/done%2F
            https://example.com/a#one#two                | https://example.com/a#one%23two
            https://example.com/@user/javascript:x       | https://example.com/@user/javascript:x
            """)
    void shouldKeepHttpUrlsInNormalForm(String given, String normal) {
        HttpUrls.Checked checked = HttpUrls.check(given, 2000);
        assertNull(checked.refusal(), given);
        assertEquals(normal, checked.url());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                           | must be an absolute http(s) URL
            example.com                                  | must be an absolute http(s) URL
            /api/v1/media/files/x.jpg                    | must be an absolute http(s) URL
            mailto:desk@example.com                      | must be an absolute http(s) URL
            https:example.com                            | must be an absolute http(s) URL
            https:/example.com                           | must be an absolute http(s) URL
            https:///example.com                         | must name a valid host
            https://                                     | must be an absolute http(s) URL
            https://exa%6dple.com/                       | must name a valid host
            https://example.com:0/                       | must name a valid host
            https://example.com:65536/                   | must name a valid host
            https://example.com:http/                    | must name a valid host
            https://[::1/                                | must be an absolute http(s) URL
            https://user:secret@example.com/             | must not carry a user name or password
            //example.com/a                              | must start with http:// or https:// (a protocol-relative //host address is refused)
            """)
    void shouldSayWhyAUrlIsRefused(String given, String reason) {
        HttpUrls.Checked checked = HttpUrls.check(given, 2000);
        assertNull(checked.url(), given);
        assertEquals(reason, checked.refusal());
    }

    /** Characters a browser drops, reads as a separator or does not show: the markup rule names them too. */
    @ParameterizedTest
    @ValueSource(strings = { "https://example.com/a\u00a0b", "https://example.com/a\u200bb", "https://example.com/a\u0085b",
            "https://example.com/a\u2028b", "https://example.com/a\u202eb", "https://example.com/a\ud800b", "https://example.com/a\u0000b",
            "https://example.com/a\u3000b" })
    void shouldRefuseInvisibleAndControlCharacters(String given) {
        assertEquals(HttpUrls.MARKUP, HttpUrls.check(given, 2000).refusal());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://münchen.example/", "https://example.com/é" })
    void shouldCountTheLengthOfTheNormalForm(String given) {
        int length = HttpUrls.check(given, 2000).url().length();
        assertEquals("must be at most " + (length - 1) + " characters", HttpUrls.check(given, length - 1).refusal());
        assertNull(HttpUrls.check(given, length).refusal());
    }
}
