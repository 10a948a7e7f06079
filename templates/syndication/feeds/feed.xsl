{% load i18n static %}<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:template match="/">
    <html lang="{{ LANGUAGE_CODE|default:'en' }}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="{% static 'css/site.css' %}"/>
        <link rel="icon" href="{% static 'favicon.svg' %}" type="image/svg+xml"/>
      </head>
      <body>
        <main id="main" class="wrap feed-preview">
          <p class="notice" id="feed-explanation">{% blocktranslate trimmed %}
            This is a web feed. Copy its address into a feed reader to subscribe and get new
            articles as they are republished, each with its attribution and disclaimer.
          {% endblocktranslate %}</p>
          <h1><xsl:value-of select="$title"/></h1>
          <p><xsl:value-of select="/rss/channel/description | /atom:feed/atom:subtitle"/></p>
          <p><a href="/">{% translate "Read the site instead" %}</a></p>
          <h2>{% translate "Latest articles" %}</h2>
          <xsl:for-each select="/rss/channel/item | /atom:feed/atom:entry">
            <article class="summary">
              <h3><a href="{link | atom:link[@rel='alternate' or not(@rel)]/@href}"><xsl:value-of select="title | atom:title"/></a></h3>
              <p class="meta"><xsl:value-of select="author | dc:creator | atom:author/atom:name" xmlns:dc="http://purl.org/dc/elements/1.1/"/> · <xsl:value-of select="pubDate | atom:published | atom:updated"/></p>
            </article>
          </xsl:for-each>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
