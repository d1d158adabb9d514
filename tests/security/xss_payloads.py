"""Hostile inputs pushed through every text field of every form and API
endpoint. Each is written so that, if it ever ran, it would leave a mark the
tests can find: an element or attribute carrying XSS_MARKER, or a dialog."""

XSS_MARKER = "xssmark"

PAYLOADS = [
    # Script elements
    "<script>alert('xssmark')</script>",
    "<SCRIPT SRC=//evil.example/xssmark.js></SCRIPT>",
    "<script>/*xssmark*/alert(1)</script>",
    "<scr<script>ipt>alert('xssmark')</script>",
    "</textarea><script>alert('xssmark')</script>",
    "</title><script>alert('xssmark')</script>",
    "'\"><script>alert('xssmark')</script>",
    "<script type=module>alert('xssmark')</script>",
    # Event handlers
    "<img src=x onerror=alert('xssmark')>",
    "<img src=x onerror=\"alert('xssmark')\">",
    "<body onload=alert('xssmark')>",
    "<div onmouseover=\"alert('xssmark')\">hover</div>",
    "<input autofocus onfocus=alert('xssmark')>",
    "<details open ontoggle=alert('xssmark')>",
    "<video><source onerror=\"alert('xssmark')\"></video>",
    "<audio src=x onerror=alert('xssmark')>",
    "<marquee onstart=alert('xssmark')>",
    "<p style=\"x:expression(alert('xssmark'))\">css</p>",
    "\" onmouseover=\"alert('xssmark')",
    "' onfocus='alert(\"xssmark\")' autofocus='",
    # javascript: and data: URLs
    "<a href=\"javascript:alert('xssmark')\">click</a>",
    "<a href=\"JaVaScRiPt:alert('xssmark')\">click</a>",
    "<a href=\"&#106;avascript:alert('xssmark')\">click</a>",
    "<a href=\"jav&#x09;ascript:alert('xssmark')\">click</a>",
    "<a href=\" javascript:alert('xssmark')\">click</a>",
    "javascript:alert('xssmark')",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzbWFyaycpPC9zY3JpcHQ+">x</a>',
    "<iframe src=\"javascript:alert('xssmark')\"></iframe>",
    "<form action=\"javascript:alert('xssmark')\"><button>go</button></form>",
    "<object data=\"javascript:alert('xssmark')\"></object>",
    "<embed src=\"javascript:alert('xssmark')\">",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xssmark\')">',
    "<base href=\"javascript:alert('xssmark')//\">",
    # SVG and MathML
    "<svg onload=alert('xssmark')>",
    "<svg><script>alert('xssmark')</script></svg>",
    "<svg><a xlink:href=\"javascript:alert('xssmark')\"><text x=20 y=20>x</text></a></svg>",
    "<svg><animate onbegin=alert('xssmark') attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xssmark')>",
    "<svg><foreignObject><iframe srcdoc=\"&lt;script&gt;alert('xssmark')&lt;/script&gt;\"></iframe></foreignObject></svg>",
    # Broken and nested markup
    '<img src="x" onerror="alert(\'xssmark\')"',
    "<<img src=x onerror=alert('xssmark')//<",
    "<!--<img src=x onerror=alert('xssmark')>-->",
    "<![CDATA[<script>alert('xssmark')</script>]]>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('xssmark')>\"></noscript>",
    "<style><img src=x onerror=alert('xssmark')></style>",
    "<template><img src=x onerror=alert('xssmark')></template>",
    "<table><td background=\"javascript:alert('xssmark')\">",
    "<isindex action=javascript:alert('xssmark') type=image>",
    # Unicode and encoding tricks
    "\uff1cscript\uff1ealert('xssmark')\uff1c/script\uff1e",
    "<scr\u0000ipt>alert('xssmark')</scr\u0000ipt>".replace("\u0000", ""),
    "\u202e<img src=x onerror=alert('xssmark')>",
    "&lt;script&gt;alert('xssmark')&lt;/script&gt;",
    "%3Cscript%3Ealert('xssmark')%3C/script%3E",
    "\\u003cscript\\u003ealert('xssmark')\\u003c/script\\u003e",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;('xssmark')>",
    "{{ request.user }}<img src=x onerror=alert('xssmark')>{% now 'Y' %}",
    "</script><script>alert('xssmark')</script>",
    '<a href="https://example.org" onclick="alert(\'xssmark\')">ok link</a>',
]
