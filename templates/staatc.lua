--[[
staatc.lua: the render-stage filter, for Word (docx) and Typst.

Walk 1 collects every id that the Typst writer turns into a label, the number of every
captioned table and figure, every heading's text, and makes heading levels consecutive
(PDF/UA forbids # followed by ###).  Walk 2 makes the document safe and resolves references:
HTML comments disappear, other raw HTML and math become plain text, `@tbl-x` becomes a link
"Tabel 1", links to ids that do not exist become plain text; and it does what each writer
cannot: images (media bag for Word; safe file names plus alt text for Typst), chapter page
breaks, the number and "Deel N" in the chapter heading, tables without a header row, a link's
text that breaks at slashes only (Typst). The sections at the end of this file let the PDF
convert one edited section without the others.

Everything this filter writes as raw Typst is built from our own code; user text only enters
as a Typst string literal (escaped by `typst_string`); all other text goes through pandoc's
own Typst writer, which escapes it.
]]

local is_typst = FORMAT:match('typst') ~= nil
local is_docx = FORMAT:match('docx') ~= nil

local media = {}      -- src as written -> { file = absolute path, name = safe name, mime = ... }
local ids = {}        -- every identifier in the document
local ref_text = {}   -- identifier -> inlines a reference `@id` shows ("Tabel 1", heading text)
local link_name = {}  -- identifier -> what a link to it is called ("Stand van UWV")

local function read_file(path)
  local fh = io.open(path, 'rb')
  if not fh then return nil end
  local data = fh:read('a')
  fh:close()
  return data
end

local function load_manifest()
  local path = os.getenv('STAATC_MEDIA')
  if not path then return end
  local data = read_file(path)
  if data then media = pandoc.json.decode(data, false) end
end

local function lookup_media(src)
  return media[src] or media[(src:gsub('^%./', ''))]
end

local function plain_text(s) return pandoc.Inlines({ pandoc.Str(s) }) end

-- Pass 1 -------------------------------------------------------------------------------------
-- Only the element types that pandoc's Typst writer gives a label (so a link to them works in
-- the PDF); a handler for a common type such as Link or Str would cost more than the rest.
-- STAATC_HEADING_BASE: the level the text sits below (a letter's body sits below its Betreft).
local tables, figures = 0, 0
local last_level = tonumber(os.getenv('STAATC_HEADING_BASE') or '0') or 0
-- What the section being walked adds to the document-wide tables above (render/typst_sections.py
-- keeps it per section, to convert one edited section on its own).
local added
local function new_section()
  added = { ids = {}, headings = {}, refs = {}, names = {}, tables = 0, figures = 0 }
end
new_section()
local function note(id)
  if id and id ~= '' then ids[id] = true; table.insert(added.ids, id) end
end
local function set_ref(id, inlines)
  ref_text[id] = inlines
  table.insert(added.refs, { id, inlines })
end
-- Second line of defence behind `check` (link-target, image-outside): a target the report's
-- readers cannot follow, or that would read this machine's files, never reaches the output.
local WEB = { http = true, https = true, mailto = true, tel = true }
local function scheme(target) return (target:match('^([%a][%w+.-]*):') or ''):lower() end
local function safe_image(src)
  return scheme(src) == '' and not src:match('^[/\\]') and not src:match('%.%.')
end
local function noted(el) note(el.identifier) end
local collect = {
  Div = noted,
  Span = noted,
  Header = function(h)
    note(h.identifier)
    if h.identifier ~= '' then table.insert(added.headings, h.identifier) end
    -- `naam` (the assembler's): what a screen reader calls a link to this heading.
    local naam = h.attributes.naam
    if naam then
      h.attributes.naam = nil
      if h.identifier ~= '' then
        link_name[h.identifier] = naam
        table.insert(added.names, { h.identifier, naam })
      end
    end
    if h.identifier ~= '' and not ref_text[h.identifier] then set_ref(h.identifier, h.content:clone()) end
    -- PDF/UA forbids skipping a level (# then ###); Word's outline reads better without it too.
    local skipped = h.level > last_level + 1
    if skipped then h.level = last_level + 1 end
    last_level = h.level
    if h.level == 1 then added.part = h.attributes.deel or '' end
    if skipped or naam then return h end
  end,
  Image = function(img)
    if not safe_image(img.src) then return img.caption end
  end,
  Table = function(t)
    note(t.identifier)
    if #t.caption.long > 0 then
      tables = tables + 1
      added.tables = added.tables + 1
      if t.identifier ~= '' then set_ref(t.identifier, plain_text('Tabel ' .. tables)) end
    end
  end,
  Figure = function(f)
    note(f.identifier)
    figures = figures + 1
    added.figures = added.figures + 1
    if f.identifier ~= '' then set_ref(f.identifier, plain_text('Figuur ' .. figures)) end
  end,
}

-- Pass 2 -------------------------------------------------------------------------------------
local function resolve_cite(c)
  if #c.citations == 1 then
    local cit = c.citations[1]
    local shown = ref_text[cit.id]
    if shown then
      local out = pandoc.Inlines({})
      if #cit.prefix > 0 then out:extend(cit.prefix); out:insert(pandoc.Space()) end
      out:insert(pandoc.Link(shown:clone(), '#' .. cit.id))
      if #cit.suffix > 0 then out:extend(cit.suffix) end
      return out
    end
  end
  return c.content  -- not ours (no bibliographies here): keep the literal text "@naam"
end

local function is_comment(raw)
  return raw.format == 'html' and raw.text:match('^%s*<!%-%-.*%-%->%s*$') ~= nil
end

local function typst_string(s)
  s = s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('[\r\n\t]', ' ')
  return '"' .. s .. '"'
end

-- In the PDF a link's text breaks at a slash, never at a hyphen of its own ("uit-" | "voering"
-- reads as a hyphenated word): each run with a hyphen is one box, which Typst does not break.
-- Here rather than as a `show regex` rule in the template, which Typst tried on every link
-- (a twentieth of the compile). The text becomes Typst strings (`typst_string`), not markup:
-- in markup, Typst would read `https://…#box(` as one web address. The `;` ends each one.
local function boxed(str)
  if not str.text:find('-', 1, true) then return nil end
  local out = {}
  for piece, slash in str.text:gmatch('([^/]*)(/?)') do
    if piece:find('-', 1, true) then
      table.insert(out, '#box(' .. typst_string(piece) .. ');')
    elseif piece ~= '' then
      table.insert(out, '#' .. typst_string(piece) .. ';')
    end
    if slash ~= '' then table.insert(out, '#"/";') end
  end
  return pandoc.RawInline('typst', table.concat(out))
end

local safety = {
  -- The reader only lets raw HTML through (so that editors' <!-- notes --> can be dropped);
  -- whatever else looks like HTML is shown as the text it is.
  RawInline = function(r)
    if is_comment(r) then return {} end
    return pandoc.Str(r.text)
  end,
  RawBlock = function(r)
    if is_comment(r) then return {} end
    return pandoc.Para({ pandoc.Str(r.text) })
  end,
  Math = function(m) return pandoc.Str(m.text) end,
  Cite = resolve_cite,
  Link = function(l)
    -- Cross references the assembler did not rewrite (reference style) point at their anchor.
    local kind, slug = l.target:match('^(%l+):([%w-]+)$')
    if kind == 'stand' or kind == 'onderzoek' or kind == 'hoofdstuk' then
      l.target = '#' .. kind .. '-' .. slug
    end
    local anchor = l.target:match('^#(.+)$')
    if anchor and not ids[anchor] then return l.content end
    if not anchor and not WEB[scheme(l.target)] then return l.content end
    if is_typst then
      l.content = l.content:walk({ Str = boxed })
      return l
    end
    if kind then return l end
  end,
}

-- Pass 3: Typst -----------------------------------------------------------------------------

local function typst_length(value)
  if not value then return nil end
  local num, unit = value:match('^%s*(%d+%.?%d*)%s*(%%?%a*)%s*$')
  if not num then return nil end
  if unit == 'px' then return string.format('%.1fpt', tonumber(num) * 0.75) end
  if unit == '%' or unit == 'cm' or unit == 'mm' or unit == 'in' or unit == 'pt' or unit == 'em' then
    return num .. unit
  end
  return nil
end

local function alt_text(img)
  return img.attributes.alt or pandoc.utils.stringify(img.caption)
end

-- A generated chart (render/media.py): Typst draws it from its figures (templates/chart.typ).
-- `chart_alt` remembers each drawing's alt text for the figure around it: images are walked
-- before the blocks that hold them, so the Figure handler sees our raw Typst, not the image.
local chart_alt = {}
local function typst_chart(img, m)
  local call = '#box(width: 100%, staatc-bar-chart(json(' .. typst_string(m.chart) .. ')))'
  chart_alt[call] = alt_text(img)
  return pandoc.RawInline('typst', call)
end

-- `image(...)` for a known image, or a visible placeholder (a string, so never markup).
local function typst_image(img)
  local m = lookup_media(img.src)
  local alt = alt_text(img)
  if not m then
    return 'text(' .. typst_string('[Afbeelding ontbreekt: ' .. alt .. ']') .. ')'
  end
  local args = { typst_string(m.name), 'alt: ' .. typst_string(alt) }
  for _, dim in ipairs({ 'width', 'height' }) do
    local len = typst_length(img.attributes[dim])
    if len then table.insert(args, dim .. ': ' .. len) end
  end
  return 'image(' .. table.concat(args, ', ') .. ')'
end

local last_part = nil

local function chapter_heading(h)
  -- "2 Deel 1: Complexiteitsreductie": the chapter's number (the one "hoofdstuk 2" in the text
  -- names) and, on the first chapter of each part, the part, in the heading itself, so both
  -- are in the contents, the bookmarks, the tags and Word's navigation pane alike.
  local part, number = h.attributes.deel, h.attributes.nummer
  h.attributes.deel = nil
  h.attributes.nummer = nil
  local prefix = pandoc.Inlines({})
  -- An en space: the number stands apart from the title, as a column in the contents.
  if number and number ~= '' then prefix:insert(pandoc.Str(number .. '\u{2002}')) end
  if part and part ~= '' and part ~= last_part then
    prefix:extend({ pandoc.Str('Deel'), pandoc.Space(), pandoc.Str(part .. ':'), pandoc.Space() })
  end
  last_part = part
  h.content = prefix .. h.content
  return h
end

-- Figures stay pandoc's (it writes the caption and the label); only the image itself is ours,
-- because pandoc's Typst writer drops the alt text. No pandoc.write() here: it is slow.
-- Bold and italic are formatting in the PDF, as they are in Word: no Strong or Em element of
-- their own. Those elements hold a paragraph's words out of the paragraph's own run, so a
-- checker that reads the tags in order (outloud ORD-001) finds a page of "**Dilemma.** …"
-- paragraphs painted out of order; a screen reader does not announce emphasis either way.
local function styled(el, style)
  local out = pandoc.Inlines({ pandoc.RawInline('typst', '#text(' .. style .. ')[') })
  out:extend(el.content)
  out:insert(pandoc.RawInline('typst', ']'))
  return out
end

local typst_pass = {
  Strong = function(el) return styled(el, 'weight: "bold"') end,
  Emph = function(el) return styled(el, 'style: "italic"') end,
  -- A label such as "Knelpunten:" stays on the page of the list it introduces.
  Div = function(d)
    if d.attributes['custom-style'] ~= 'Lijstkop' then return nil end
    return { pandoc.RawBlock('typst', '#block(sticky: true)['), d, pandoc.RawBlock('typst', ']') }
  end,
  Image = function(img)
    local m = lookup_media(img.src)
    if m and m.chart then return typst_chart(img, m) end
    return pandoc.RawInline('typst', '#box(' .. typst_image(img) .. ')')
  end,
  -- A drawn chart is no image, so its alt text goes on the figure (PDF/UA: every figure has one).
  Figure = function(f)
    local alt
    f:walk({ RawInline = function(r) alt = alt or chart_alt[r.text] end })
    if not alt then return nil end
    return { pandoc.RawBlock('typst', '#[#set figure(alt: ' .. typst_string(alt) .. ')'), f,
             pandoc.RawBlock('typst', ']') }
  end,
  Table = function(t)
    -- Columns as wide as their content (Typst's auto), as in Word: pandoc turns a pipe table's
    -- dashes into fixed shares, which gave "Afkorting" as much room as "Organisatie".
    for i, spec in ipairs(t.colspecs) do t.colspecs[i] = { spec[1], pandoc.ColWidthDefault } end
    local out = { t }
    if #t.head.rows == 0 then  -- the template colours row 0 as a header; this one has none
      out = { pandoc.RawBlock('typst', '#headerless['), t, pandoc.RawBlock('typst', ']') }
    end
    if #t.caption.long == 0 then
      -- pandoc wraps every table in a figure; Word numbers only captioned ones, so must we.
      table.insert(out, pandoc.RawBlock('typst', '#counter(figure.where(kind: table)).update(n => n - 1)'))
    end
    return out
  end,
  Header = function(h)
    local out = {}
    if h.level == 1 then
      table.insert(out, pandoc.RawBlock('typst', '#pagebreak(weak: true)'))
      h = chapter_heading(h)
    end
    -- Typst describes a link to a heading as "<supplement>, pagina N" for screen readers; the
    -- supplement is "Hoofdstuk" for every heading unless we name the target. A set rule in a
    -- block of its own: a `#show label(…)` rule per heading stays active to the end, and
    -- Typst tries every one on every element after it (a 10x edition took twice as long).
    local name = link_name[h.identifier]
    if name then
      table.insert(out, pandoc.RawBlock('typst', '#[#set heading(supplement: ' .. typst_string(name) .. ')'))
      table.insert(out, h)
      table.insert(out, pandoc.RawBlock('typst', ']'))
      return out
    end
    if #out == 0 then return nil end
    table.insert(out, h)
    return out
  end,
}

-- Pass 3: Word ------------------------------------------------------------------------------
local docx_pass = {
  Image = function(img)
    local m = lookup_media(img.src)
    if m then
      -- The placeholder that render/docx_chart.py replaces by a native chart: its docPr title.
      if m.chart then img.title = 'staatc-chart:' .. img.src end
      local data = read_file(m.file)
      if data then
        pandoc.mediabag.insert(m.name, m.mime, data)
        img.src = m.name
      end
    end
    if img.attributes.alt then
      img.caption = plain_text(img.attributes.alt)  -- Word's "descr" is the image's alt
      img.attributes.alt = nil
    end
    return img
  end,
  Header = function(h)
    if h.level ~= 1 then return nil end
    return chapter_heading(h)
  end,
}

-- Two walks: the first sees the whole document before the second resolves anything. The safety
-- handlers and the per-format handlers touch different element types, so they share one walk
-- (a replaced element is not walked again, so our own raw Typst is not "made safe").
local second = {}
for key, handler in pairs(safety) do second[key] = handler end
for key, handler in pairs(is_typst and typst_pass or is_docx and docx_pass or {}) do
  assert(second[key] == nil, key)
  second[key] = handler
end
load_manifest()

-- Sections (render/typst_sections.py) -------------------------------------------------------
-- STAATC_SECTIONS names a marker: the Markdown is sections, each after an HTML comment
-- `<!-- staatc-section:<marker> -->`. The first walk then runs per section, and the output
-- gets a Typst comment `// staatc-section:<marker>` where each section starts and, last, one
-- with what each section added to the tables of the first walk (ids, reference texts, link
-- names, tables, figures, the part of its chapter). STAATC_SECTION_STATE names a JSON file
-- with the tables of the whole document instead: the Markdown is one of its sections, which
-- is converted as it would be inside the whole; before its marker stand headings with the ids
-- of the sections before it, so that pandoc numbers a repeated heading id as it would in the
-- whole (`aanpak-1`), and they are dropped; a second marker after it (an empty section) shows
-- that the section ended with nothing open. The marker is random per render, so no text can
-- forge one.
local marker = os.getenv('STAATC_SECTIONS')
local state_file = os.getenv('STAATC_SECTION_STATE')

local function summary(all)
  for _, s in ipairs(all) do
    for _, ref in ipairs(s.refs) do ref[2] = pandoc.json.encode(ref[2]) end
  end
  return pandoc.RawBlock('typst', '// staatc-sections:' .. marker .. ' ' .. pandoc.json.encode(all))
end

-- What other sections added (their reports, in order): replayed as the whole walk made it.
local function replay(part)
  for _, id in ipairs(part.ids) do ids[id] = true end
  for _, ref in ipairs(part.refs) do ref_text[ref[1]] = pandoc.json.decode(ref[2]) end
  for _, name in ipairs(part.names) do link_name[name[1]] = name[2] end
end

local function by_section(doc)
  local start = '<!-- staatc-section:' .. (marker or '') .. ' -->'
  local sections, blocks = {}, nil
  for _, block in ipairs(doc.blocks) do
    if marker and block.t == 'RawBlock' and block.format == 'html' and block.text == start then
      blocks = pandoc.Blocks({})
      table.insert(sections, blocks)
    elseif blocks then
      blocks:insert(block)
    elseif not state_file then  -- no marker: the whole is one section
      blocks = pandoc.Blocks({ block })
      table.insert(sections, blocks)
    end  -- else: the headings that hold the earlier sections' ids (for pandoc's numbering)
  end
  -- The sections before this one, as the first walk would have left the tables; after it,
  -- what the later sections add.
  local state = state_file and pandoc.json.decode(read_file(state_file), false)
  if state then
    replay(state.before)
    tables, figures = math.tointeger(state.before.tables), math.tointeger(state.before.figures)
    if state.before.part ~= '' then last_part = state.before.part end
  end
  local collected, all = {}, {}
  for i, blocks in ipairs(sections) do
    new_section()
    collected[i] = blocks:walk(collect)
    all[i] = added
  end
  if state then replay(state.after) end
  -- The markers go in after the walk: the safety handlers would turn raw Typst into text.
  local out = pandoc.Blocks({})
  for _, blocks in ipairs(collected) do
    if marker then out:insert(pandoc.RawBlock('typst', '// staatc-section:' .. marker)) end
    out:extend(blocks:walk(second))
  end
  if marker then out:insert(summary(all)) end
  doc.blocks = out
  return doc
end

return { { Pandoc = by_section } }
