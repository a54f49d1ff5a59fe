/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-diagram.h"

G_BEGIN_DECLS

/* What a new diagram can start from. */
typedef enum {
  EB_DIAGRAM_TEMPLATE_EMPTY,
  /* Figure 1 of the paper in seeds/000: peer mentoring (peer discussions
   * of common problems and possible solutions, sharing ideas,
   * self-reflection) leads to a sense of belonging and to increased
   * confidence; belonging raises confidence, as does a safe space to test
   * teaching plans and resources; both lead to empowerment, then
   * motivation, then improved practice in the classroom. Peer mentoring
   * and the safe space sit in the face-to-face sessions that provided
   * them. */
  EB_DIAGRAM_TEMPLATE_PEER_MENTORING,
  /* Inputs → Activities → Outputs → Outcomes → Impact. */
  EB_DIAGRAM_TEMPLATE_LOGIC_MODEL,
} EbDiagramTemplate;

#define EB_TYPE_DIAGRAM_TEMPLATE (eb_diagram_template_get_type ())
GType        eb_diagram_template_get_type     (void) G_GNUC_CONST;
/* "empty", "peer-mentoring", "logic-model": for the command line. */
const char  *eb_diagram_template_to_string    (EbDiagramTemplate   template);
gboolean     eb_diagram_template_from_string  (const char         *name,
                                               EbDiagramTemplate  *template);
/* For menus: "Benefits of Peer Mentoring (Figure 1)". */
const char  *eb_diagram_template_get_title    (EbDiagramTemplate   template);

/* Adds the template's nodes, arrows and groups to DIAGRAM in one step,
 * laid out automatically (nodes sized with MEASURE, as for
 * eb_diagram_arrange) below anything already there; an empty diagram
 * also takes the template's direction. Nodes are linked to the themes of
 * the codebook that bear their name, or the name the example codebook
 * gives the same idea ("Sense of belonging" is "A supportive
 * atmosphere"). The empty template adds nothing. */
gboolean     eb_diagram_apply_template        (EbDiagram            *diagram,
                                               EbDiagramTemplate     template,
                                               EbDiagramMeasureFunc  measure,
                                               gpointer              user_data,
                                               GError              **error);

G_END_DECLS
