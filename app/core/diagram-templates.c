/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-diagram"

#include "config.h"

#include "diagram-templates.h"
#include "eb-diagram-private.h"

/* The templates are data: a sketch each, which EbDiagram lays out and
 * adds in one step. */

static const GEnumValue template_values[] = {
  { EB_DIAGRAM_TEMPLATE_EMPTY, "EB_DIAGRAM_TEMPLATE_EMPTY", "empty" },
  { EB_DIAGRAM_TEMPLATE_PEER_MENTORING, "EB_DIAGRAM_TEMPLATE_PEER_MENTORING", "peer-mentoring" },
  { EB_DIAGRAM_TEMPLATE_LOGIC_MODEL, "EB_DIAGRAM_TEMPLATE_LOGIC_MODEL", "logic-model" },
  { 0, NULL, NULL }
};

static const char * const titles[] = {
  [EB_DIAGRAM_TEMPLATE_EMPTY] = "Empty Diagram",
  [EB_DIAGRAM_TEMPLATE_PEER_MENTORING] = "Benefits of Peer Mentoring (Figure 1)",
  [EB_DIAGRAM_TEMPLATE_LOGIC_MODEL] = "Logic Model",
};

/* ---- Figure 1 ---- */

enum {
  PM_PEER_MENTORING,
  PM_SAFE_SPACE,
  PM_BELONGING,
  PM_CONFIDENCE,
  PM_EMPOWERMENT,
  PM_MOTIVATION,
  PM_PRACTICE,
};

static const char * const pm_bullets[] = {
  "Peer discussions of common problems and possible solutions",
  "Sharing ideas",
  "Self-reflection",
  NULL
};

/* The figure's own words first; then the example codebook's name for the
 * same theme (app/core/example-codebook.c): peer mentoring is the
 * discussing and sharing whose three kinds are its bullets, the paper
 * traces belonging to "the supportive atmosphere", and it reads the
 * enthusiasm quotes as motivation. Empowerment has no theme of its own. */
static const char * const pm_themes_mentoring[] = {
  "Peer mentoring", "An opportunity to discuss and share", NULL
};
static const char * const pm_themes_safe_space[] = {
  "A safe space to test teaching plans and resources", NULL
};
static const char * const pm_themes_belonging[] = {
  "Sense of belonging", "A supportive atmosphere", NULL
};
static const char * const pm_themes_confidence[] = {
  "Increased confidence", "Increased confidence and reassurance", NULL
};
static const char * const pm_themes_empowerment[] = { "Empowerment", NULL };
static const char * const pm_themes_motivation[] = {
  "Motivation", "Motivation and enthusiasm", NULL
};
static const char * const pm_themes_practice[] = { "Improved practice in the classroom", NULL };

static const EbDiagramSketchNode pm_nodes[] = {
  [PM_PEER_MENTORING] = { "Peer mentoring", pm_bullets, pm_themes_mentoring, 0 },
  [PM_SAFE_SPACE] = { "A safe space to test teaching plans and resources", NULL,
                      pm_themes_safe_space, 0 },
  [PM_BELONGING] = { "Sense of belonging", NULL, pm_themes_belonging, -1 },
  [PM_CONFIDENCE] = { "Increased confidence", NULL, pm_themes_confidence, -1 },
  [PM_EMPOWERMENT] = { "Empowerment", NULL, pm_themes_empowerment, -1 },
  [PM_MOTIVATION] = { "Motivation", NULL, pm_themes_motivation, -1 },
  [PM_PRACTICE] = { "Improved practice in the classroom", NULL, pm_themes_practice, -1 },
};

static const EbDiagramSketchEdge pm_edges[] = {
  { PM_PEER_MENTORING, PM_BELONGING, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { PM_PEER_MENTORING, PM_CONFIDENCE, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { PM_BELONGING, PM_CONFIDENCE, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { PM_SAFE_SPACE, PM_CONFIDENCE, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { PM_BELONGING, PM_EMPOWERMENT, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { PM_CONFIDENCE, PM_EMPOWERMENT, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { PM_EMPOWERMENT, PM_MOTIVATION, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { PM_MOTIVATION, PM_PRACTICE, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
};

/* "The benefits of the face-to-face sessions and peer mentorship": peer
 * mentoring was "a central aspect of the face-to-face sessions", and the
 * safe space "was provided by the face-to-face sessions". */
static const char * const pm_groups[] = { "Face-to-face sessions" };

/* ---- A logic model ---- */

/* The stages every logic model has, with no theme: a programme's own
 * logic model (Appendix A of seeds/003) names its inputs, activities and
 * outcomes, which the user writes in. */
static const EbDiagramSketchNode lm_nodes[] = {
  { "Inputs", NULL, NULL, -1 },
  { "Activities", NULL, NULL, -1 },
  { "Outputs", NULL, NULL, -1 },
  { "Outcomes", NULL, NULL, -1 },
  { "Impact", NULL, NULL, -1 },
};

static const EbDiagramSketchEdge lm_edges[] = {
  { 0, 1, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { 1, 2, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { 2, 3, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
  { 3, 4, EB_DIAGRAM_EDGE_LEADS_TO, NULL },
};

GType
eb_diagram_template_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("EbDiagramTemplate", template_values));
  return type;
}

const char *
eb_diagram_template_to_string (EbDiagramTemplate template)
{
  g_return_val_if_fail (template <= EB_DIAGRAM_TEMPLATE_LOGIC_MODEL, NULL);

  return template_values[template].value_nick;
}

gboolean
eb_diagram_template_from_string (const char        *name,
                                 EbDiagramTemplate *template)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; template_values[i].value_nick != NULL; i++)
    if (g_ascii_strcasecmp (name, template_values[i].value_nick) == 0)
      {
        if (template != NULL)
          *template = (EbDiagramTemplate) template_values[i].value;
        return TRUE;
      }
  return FALSE;
}

const char *
eb_diagram_template_get_title (EbDiagramTemplate template)
{
  g_return_val_if_fail (template <= EB_DIAGRAM_TEMPLATE_LOGIC_MODEL, NULL);

  return titles[template];
}

gboolean
eb_diagram_apply_template (EbDiagram             *diagram,
                           EbDiagramTemplate      template,
                           EbDiagramMeasureFunc   measure,
                           gpointer               user_data,
                           GError               **error)
{
  EbDiagramSketch sketch = { 0 };

  g_return_val_if_fail (EB_IS_DIAGRAM (diagram), FALSE);
  g_return_val_if_fail (template <= EB_DIAGRAM_TEMPLATE_LOGIC_MODEL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sketch.title = titles[template];
  switch (template)
    {
    case EB_DIAGRAM_TEMPLATE_EMPTY:
      return TRUE;

    case EB_DIAGRAM_TEMPLATE_PEER_MENTORING:
      /* Six ranks deep: left to right it would need a page turned
       * sideways, or text too small to read. */
      sketch.direction = EB_DIAGRAM_TOP_TO_BOTTOM;
      sketch.nodes = pm_nodes;
      sketch.n_nodes = G_N_ELEMENTS (pm_nodes);
      sketch.edges = pm_edges;
      sketch.n_edges = G_N_ELEMENTS (pm_edges);
      sketch.groups = pm_groups;
      sketch.n_groups = G_N_ELEMENTS (pm_groups);
      break;

    case EB_DIAGRAM_TEMPLATE_LOGIC_MODEL:
      sketch.direction = EB_DIAGRAM_LEFT_TO_RIGHT;
      sketch.nodes = lm_nodes;
      sketch.n_nodes = G_N_ELEMENTS (lm_nodes);
      sketch.edges = lm_edges;
      sketch.n_edges = G_N_ELEMENTS (lm_edges);
      break;

    default:
      g_assert_not_reached ();
    }
  return eb_diagram_insert_sketch (diagram, &sketch, measure, user_data, error);
}
