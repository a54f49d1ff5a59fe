/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-respondent-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "eb-quote-row.h"
#include "eb-quotes-view.h"
#include "eb-respondent-panel.h"
#include "eb-theme-chips.h"

struct _EbRespondentPanel
{
  GtkWidget      parent_instance;

  EbCodingStore *store;
  EbQuote       *quote;
  guint          n_memos;

  GtkWidget     *stack;
  GtkWidget     *empty_page;
  GtkWidget     *content_page;
  GtkWidget     *title_label;
  GtkWidget     *subtitle_label;
  GtkWidget     *question_label;
  GtkWidget     *text_label;
  GtkWidget     *answer_chips;
  GtkWidget     *hint_label;
  GtkWidget     *attributes_heading;
  GtkWidget     *attributes_grid;
  GtkWidget     *likert_heading;
  GtkWidget     *likert_box;
  GtkWidget     *answers_box;
  GtkWidget     *memos_box;
  GtkWidget     *memo_target_dropdown;
  GtkWidget     *memo_entry;
  GtkWidget     *memo_button;
};

G_DEFINE_FINAL_TYPE (EbRespondentPanel, eb_respondent_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUOTE,
  N_PROPS
};

enum {
  QUOTE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GQuark quote_index_quark;

static void
remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_GRID (widget))
        gtk_grid_remove (GTK_GRID (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static GtkWidget *
new_label (const char *text,
           gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
set_chips (GtkWidget  *chips,
           EbCodebook *codebook,
           EbQuote    *quote)
{
  g_autoptr(GArray) ids = eb_quote_dup_theme_ids (quote);

  eb_theme_chips_set_themes (EB_THEME_CHIPS (chips), codebook, (const gint64 *) ids->data, ids->len);
}

/* ---- The answer ---- */

/* The answer with its coded spans tinted. Only a change of text resets
 * what is selected in it. */
static void
update_answer (EbRespondentPanel *self)
{
  EbCodebook *codebook = eb_coding_store_get_codebook (self->store);
  const char *text = eb_quote_get_text (self->quote);
  g_autoptr(PangoAttrList) attrs = eb_quote_row_create_span_attributes (self->quote, codebook);

  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->text_label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (self->text_label), text);
  gtk_label_set_attributes (GTK_LABEL (self->text_label), attrs);
  set_chips (self->answer_chips, codebook, self->quote);
}

/* ---- The respondent ---- */

static void
add_grid_row (GtkWidget  *grid,
              int         row,
              const char *name,
              const char *value)
{
  GtkWidget *name_label = new_label (name, TRUE);
  GtkWidget *value_label = new_label (*value != '\0' ? value : "—", FALSE);

  gtk_label_set_max_width_chars (GTK_LABEL (name_label), 28);
  gtk_label_set_width_chars (GTK_LABEL (name_label), 12);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_grid_attach (GTK_GRID (grid), name_label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), value_label, 1, row, 1, 1);
}

/* Likert items are long questions: each above its answer. */
static void
add_likert_answer (GtkWidget  *box,
                   const char *item,
                   const char *answer)
{
  GtkWidget *pair = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
  GtkWidget *item_label = new_label (item, TRUE);
  GtkWidget *answer_label = new_label (*answer != '\0' ? answer : _("No answer"), *answer == '\0');

  gtk_widget_add_css_class (item_label, "caption");
  gtk_label_set_selectable (GTK_LABEL (answer_label), TRUE);
  gtk_box_append (GTK_BOX (pair), item_label);
  gtk_box_append (GTK_BOX (pair), answer_label);
  gtk_box_append (GTK_BOX (box), pair);
}

static void
answer_clicked_cb (EbRespondentPanel *self,
                   GtkButton         *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (button), quote_index_quark));

  g_signal_emit (self, signals[QUOTE_ACTIVATED], 0, index);
}

static void
update_answers (EbRespondentPanel *self)
{
  EbQuoteList *quotes = eb_coding_store_get_quotes (self->store);
  EbCodebook *codebook = eb_coding_store_get_codebook (self->store);
  EbSurvey *survey = eb_coding_store_get_survey (self->store);
  guint row = eb_quote_get_row (self->quote);

  remove_children (self->answers_box);
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    {
      int index = eb_quote_list_find (quotes, row, c);
      EbQuote *quote;
      GtkWidget *button, *box, *chips, *text;

      if (index < 0)
        continue;
      quote = eb_quote_list_get_quote (quotes, (guint) index);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      gtk_box_append (GTK_BOX (box), new_label (eb_quote_get_column_name (quote), TRUE));
      gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption");
      text = new_label (eb_quote_get_text (quote), FALSE);
      {
        g_autoptr(PangoAttrList) attrs = eb_quote_row_create_span_attributes (quote, codebook);

        gtk_label_set_attributes (GTK_LABEL (text), attrs);
      }
      gtk_box_append (GTK_BOX (box), text);
      chips = eb_theme_chips_new ();
      set_chips (chips, codebook, quote);
      gtk_box_append (GTK_BOX (box), chips);

      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "answer-button");
      if (quote == self->quote)
        gtk_widget_add_css_class (button, "current-answer");
      gtk_widget_set_tooltip_text (button, _("Select this answer in the list"));
      g_object_set_qdata (G_OBJECT (button), quote_index_quark, GUINT_TO_POINTER ((guint) index));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (answer_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->answers_box), button);
    }
}

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  /* Translators: when a memo was written; see g_date_time_format(). */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}

static void
append_memos (EbRespondentPanel *self,
              EbMemoTarget       target,
              gint64             target_id,
              int                column,
              const char        *about)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) memos = eb_coding_store_list_memos (self->store, target, target_id, column, &error);

  if (memos == NULL)
    {
      g_warning ("Cannot list the memos: %s", error->message);
      return;
    }
  for (guint i = 0; i < memos->len; i++)
    {
      EbMemo *memo = g_ptr_array_index (memos, i);
      g_autofree char *when = format_time (eb_memo_get_created (memo));
      g_autofree char *byline = g_strdup_printf ("%s · %s · %s", eb_memo_get_author (memo), when, about);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *body = new_label (eb_memo_get_body (memo), FALSE);
      GtkWidget *meta = new_label (byline, TRUE);

      gtk_label_set_selectable (GTK_LABEL (body), TRUE);
      gtk_widget_add_css_class (meta, "caption");
      gtk_box_append (GTK_BOX (box), body);
      gtk_box_append (GTK_BOX (box), meta);
      gtk_widget_add_css_class (box, "memo");
      gtk_box_append (GTK_BOX (self->memos_box), box);
      self->n_memos++;
    }
}

static void
update_memos (EbRespondentPanel *self)
{
  EbQuoteList *quotes = eb_coding_store_get_quotes (self->store);
  EbSurvey *survey = eb_coding_store_get_survey (self->store);
  guint row = eb_quote_get_row (self->quote);

  remove_children (self->memos_box);
  self->n_memos = 0;
  append_memos (self, EB_MEMO_TARGET_RESPONDENT, row, -1, _("on the respondent"));
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    {
      g_autofree char *about = NULL;

      if (eb_quote_list_find (quotes, row, c) < 0)
        continue;
      /* Translators: what a memo is about; %s is a question. */
      about = g_strdup_printf (_("on “%s”"), eb_survey_get_column_name (survey, c));
      append_memos (self, EB_MEMO_TARGET_QUOTE, row, (int) c, about);
    }
  if (self->n_memos == 0)
    {
      GtkWidget *none = new_label (_("No memos yet"), TRUE);

      gtk_box_append (GTK_BOX (self->memos_box), none);
    }
}

static void
update_respondent (EbRespondentPanel *self)
{
  EbSurvey *survey = eb_coding_store_get_survey (self->store);
  EbQuoteList *quotes = eb_coding_store_get_quotes (self->store);
  guint row = eb_quote_get_row (self->quote);
  g_autofree char *name = eb_quote_row_dup_respondent_name (self->quote, eb_quote_list_get_id_column (quotes));
  g_autofree char *subtitle = NULL;
  int n_attributes = 0, n_likert = 0;

  gtk_label_set_text (GTK_LABEL (self->title_label), name);
  subtitle = g_strdup_printf (_("Response %u of %u"), row + 1, eb_survey_get_n_rows (survey));
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);
  gtk_label_set_text (GTK_LABEL (self->question_label), eb_quote_get_column_name (self->quote));

  remove_children (self->attributes_grid);
  remove_children (self->likert_box);
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    {
      const char *column = eb_survey_get_column_name (survey, c);
      const char *value = eb_survey_get_cell (survey, row, c);

      switch (eb_survey_get_column_role (survey, c))
        {
        case EB_COLUMN_ROLE_ATTRIBUTE:
        case EB_COLUMN_ROLE_NUMBER:
        case EB_COLUMN_ROLE_DATE:
        case EB_COLUMN_ROLE_MULTI:
          add_grid_row (self->attributes_grid, n_attributes++, column, value);
          break;

        case EB_COLUMN_ROLE_LIKERT:
          add_likert_answer (self->likert_box, column, value);
          n_likert++;
          break;

        case EB_COLUMN_ROLE_IGNORED:
        case EB_COLUMN_ROLE_ID:
        case EB_COLUMN_ROLE_TEXT:
        default:
          break;
        }
    }
  gtk_widget_set_visible (self->attributes_heading, n_attributes > 0);
  gtk_widget_set_visible (self->attributes_grid, n_attributes > 0);
  gtk_widget_set_visible (self->likert_heading, n_likert > 0);
  gtk_widget_set_visible (self->likert_box, n_likert > 0);
}

static void
update (EbRespondentPanel *self)
{
  if (self->store == NULL || self->quote == NULL)
    {
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->empty_page);
      return;
    }
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->content_page);
  update_respondent (self);
  update_answer (self);
  update_answers (self);
  update_memos (self);
}

static void
codings_changed_cb (EbRespondentPanel *self,
                    EbCodingStore     *store)
{
  if (self->quote == NULL)
    return;
  update_answer (self);
  update_answers (self);
}

static void
codebook_changed_cb (EbRespondentPanel *self,
                     EbCodebook        *codebook)
{
  codings_changed_cb (self, self->store);
}

static void
memos_changed_cb (EbRespondentPanel *self,
                  EbCodingStore     *store)
{
  if (self->quote != NULL)
    update_memos (self);
}

static void
add_memo_from_entry (EbRespondentPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->memo_entry))));
  EbMemoTarget target = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->memo_target_dropdown)) == 0
                        ? EB_MEMO_TARGET_QUOTE : EB_MEMO_TARGET_RESPONDENT;

  if (*body == '\0')
    return;
  if (!eb_respondent_panel_add_memo (self, target, body, &error))
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      gtk_widget_add_css_class (self->memo_entry, "error");
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->memo_entry), "");
}

static void
memo_activate_cb (EbRespondentPanel *self,
                  GtkEntry          *entry)
{
  add_memo_from_entry (self);
}

static void
memo_clicked_cb (EbRespondentPanel *self,
                 GtkButton         *button)
{
  add_memo_from_entry (self);
}

static void
memo_changed_cb (EbRespondentPanel *self,
                 GtkEditable       *entry)
{
  g_autofree char *body = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  gtk_widget_remove_css_class (self->memo_entry, "error");
  gtk_widget_set_sensitive (self->memo_button, *body != '\0');
}

static void
disconnect_store (EbRespondentPanel *self)
{
  if (self->store == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->store, codings_changed_cb, self);
  g_signal_handlers_disconnect_by_func (self->store, memos_changed_cb, self);
  g_signal_handlers_disconnect_by_func (eb_coding_store_get_codebook (self->store), codebook_changed_cb, self);
}

static void
eb_respondent_panel_dispose (GObject *object)
{
  EbRespondentPanel *self = EB_RESPONDENT_PANEL (object);
  GtkWidget *child;

  disconnect_store (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_RESPONDENT_PANEL);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->quote);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eb_respondent_panel_parent_class)->dispose (object);
}

static void
eb_respondent_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EbRespondentPanel *self = EB_RESPONDENT_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_QUOTE:
      g_value_set_object (value, self->quote);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_respondent_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EbRespondentPanel *self = EB_RESPONDENT_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eb_respondent_panel_set_store (self, g_value_get_object (value));
      break;

    case PROP_QUOTE:
      eb_respondent_panel_set_quote (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_respondent_panel_class_init (EbRespondentPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_respondent_panel_dispose;
  object_class->get_property = eb_respondent_panel_get_property;
  object_class->set_property = eb_respondent_panel_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EB_TYPE_CODING_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUOTE] =
    g_param_spec_object ("quote", NULL, NULL,
                         EB_TYPE_QUOTE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[QUOTE_ACTIVATED] =
    g_signal_new ("quote-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (EB_TYPE_THEME_CHIPS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/eb-respondent-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, content_page);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, question_label);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, text_label);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, answer_chips);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, hint_label);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, attributes_heading);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, attributes_grid);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, likert_heading);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, likert_box);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, answers_box);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, memos_box);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, memo_target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, memo_entry);
  gtk_widget_class_bind_template_child (widget_class, EbRespondentPanel, memo_button);
  gtk_widget_class_bind_template_callback (widget_class, memo_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, memo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, memo_changed_cb);

  gtk_widget_class_set_css_name (widget_class, "respondentpanel");

  quote_index_quark = g_quark_from_static_string ("eb-quote-index");
}

static void
eb_respondent_panel_init (EbRespondentPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  eb_quotes_view_ensure_style ();
  update (self);
}

GtkWidget *
eb_respondent_panel_new (void)
{
  return g_object_new (EB_TYPE_RESPONDENT_PANEL, NULL);
}

EbCodingStore *
eb_respondent_panel_get_store (EbRespondentPanel *self)
{
  g_return_val_if_fail (EB_IS_RESPONDENT_PANEL (self), NULL);

  return self->store;
}

void
eb_respondent_panel_set_store (EbRespondentPanel *self,
                               EbCodingStore     *store)
{
  g_return_if_fail (EB_IS_RESPONDENT_PANEL (self));
  g_return_if_fail (store == NULL || EB_IS_CODING_STORE (store));

  if (self->store == store)
    return;
  disconnect_store (self);
  g_clear_object (&self->quote);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "codings-changed", G_CALLBACK (codings_changed_cb), self);
      g_signal_connect_swapped (store, "memos-changed", G_CALLBACK (memos_changed_cb), self);
      g_signal_connect_swapped (eb_coding_store_get_codebook (store), "changed",
                                G_CALLBACK (codebook_changed_cb), self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUOTE]);
}

EbQuote *
eb_respondent_panel_get_quote (EbRespondentPanel *self)
{
  g_return_val_if_fail (EB_IS_RESPONDENT_PANEL (self), NULL);

  return self->quote;
}

void
eb_respondent_panel_set_quote (EbRespondentPanel *self,
                               EbQuote           *quote)
{
  g_return_if_fail (EB_IS_RESPONDENT_PANEL (self));
  g_return_if_fail (quote == NULL || EB_IS_QUOTE (quote));

  if (self->quote == quote)
    return;
  if (quote != NULL && (self->store == NULL ||
                        eb_quote_get_survey (quote) != eb_coding_store_get_survey (self->store)))
    {
      g_critical ("The quote is not one of the panel's coding store");
      return;
    }
  g_set_object (&self->quote, quote);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUOTE]);
}

GtkLabel *
eb_respondent_panel_get_text_label (EbRespondentPanel *self)
{
  g_return_val_if_fail (EB_IS_RESPONDENT_PANEL (self), NULL);

  return GTK_LABEL (self->text_label);
}

gboolean
eb_respondent_panel_get_selected_span (EbRespondentPanel *self,
                                       int               *start,
                                       int               *end)
{
  int from, to;

  g_return_val_if_fail (EB_IS_RESPONDENT_PANEL (self), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  if (self->quote == NULL ||
      !gtk_label_get_selection_bounds (GTK_LABEL (self->text_label), &from, &to) ||
      to <= from)
    return FALSE;
  /* All of it, as focusing the label selects: the whole answer. */
  if (from == 0 && to >= g_utf8_strlen (eb_quote_get_text (self->quote), -1))
    return FALSE;
  *start = from;
  *end = to;
  return TRUE;
}

gboolean
eb_respondent_panel_add_memo (EbRespondentPanel  *self,
                              EbMemoTarget        target,
                              const char         *body,
                              GError            **error)
{
  g_return_val_if_fail (EB_IS_RESPONDENT_PANEL (self), FALSE);
  g_return_val_if_fail (target == EB_MEMO_TARGET_QUOTE || target == EB_MEMO_TARGET_RESPONDENT, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL || self->quote == NULL)
    {
      g_set_error_literal (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
                           _("Select a quote to add a memo to"));
      return FALSE;
    }
  return eb_coding_store_add_memo (self->store, target, eb_quote_get_row (self->quote),
                                   target == EB_MEMO_TARGET_QUOTE ? (int) eb_quote_get_column (self->quote) : -1,
                                   body, NULL, error);
}

guint
eb_respondent_panel_get_n_memos (EbRespondentPanel *self)
{
  g_return_val_if_fail (EB_IS_RESPONDENT_PANEL (self), 0);

  return self->n_memos;
}
