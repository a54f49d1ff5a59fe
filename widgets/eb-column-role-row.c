/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-column-role-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eb-column-role-row.h"

/* A label longer than this is cut to its first word in a scale's summary. */
#define MAX_SUMMARY_LABEL_CHARS 20

struct _EbColumnRoleRow
{
  AdwActionRow  parent_instance;

  guint         column;
  EbColumnRole  role;
  EbScale      *scale;
  gboolean      suggest_scale;

  GtkWidget    *suggest_button;
  GtkWidget    *scale_button;
  GtkWidget    *scale_label;
  GtkWidget    *dropdown;
};

G_DEFINE_FINAL_TYPE (EbColumnRoleRow, eb_column_role_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_COLUMN,
  PROP_ROLE,
  PROP_SCALE,
  PROP_SUGGEST_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EDIT_SCALE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The drop-down's roles, in the order users think of them. */
static const EbColumnRole menu_roles[] = {
  EB_COLUMN_ROLE_ID,
  EB_COLUMN_ROLE_ATTRIBUTE,
  EB_COLUMN_ROLE_LIKERT,
  EB_COLUMN_ROLE_MULTI,
  EB_COLUMN_ROLE_TEXT,
  EB_COLUMN_ROLE_NUMBER,
  EB_COLUMN_ROLE_DATE,
  EB_COLUMN_ROLE_IGNORED,
};

static guint
menu_position (EbColumnRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (menu_roles); i++)
    if (menu_roles[i] == role)
      return i;
  g_return_val_if_reached (0);
}

/* "Realise I need to develop much more" → "Realise …" */
static char *
shorten_label (const char *label)
{
  const char *space;

  if (g_utf8_strlen (label, -1) <= MAX_SUMMARY_LABEL_CHARS)
    return g_strdup (label);
  space = strchr (label, ' ');
  if (space == NULL || g_utf8_strlen (label, space - label) > MAX_SUMMARY_LABEL_CHARS)
    {
      g_autofree char *start = g_utf8_substring (label, 0, MAX_SUMMARY_LABEL_CHARS - 2);

      return g_strconcat (start, "…", NULL);
    }
  return g_strdup_printf ("%.*s …", (int) (space - label), label);
}

static char *
describe_scale_levels (EbScale *scale)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < eb_scale_get_n_levels (scale); i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      if (eb_scale_is_non_substantive (scale, i))
        /* TRANSLATORS: %s is an answer such as "Don't know" */
        g_string_append_printf (text, _("%s (not a real answer)"), eb_scale_get_label (scale, i));
      else
        g_string_append (text, eb_scale_get_label (scale, i));
    }
  return g_string_free (text, FALSE);
}

static void
update_buttons (EbColumnRoleRow *self)
{
  gboolean likert = self->role == EB_COLUMN_ROLE_LIKERT;

  gtk_widget_set_visible (self->scale_button, likert);
  gtk_widget_set_visible (self->suggest_button, !likert && self->suggest_scale);

  if (self->scale != NULL)
    {
      g_autofree char *summary = eb_column_role_row_describe_scale (self->scale);
      g_autofree char *levels = describe_scale_levels (self->scale);
      g_autofree char *tooltip = NULL;

      gtk_label_set_text (GTK_LABEL (self->scale_label), summary);
      /* TRANSLATORS: followed by the scale's answers, one a line */
      tooltip = g_strdup_printf ("%s\n%s", _("Edit the scale, lowest first:"), levels);
      gtk_widget_set_tooltip_text (self->scale_button, tooltip);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->scale_label), _("Choose a Scale…"));
      gtk_widget_set_tooltip_text (self->scale_button, _("Put the answers in order"));
    }
}

static void
selected_cb (EbColumnRoleRow *self,
             GParamSpec      *pspec,
             GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < G_N_ELEMENTS (menu_roles))
    eb_column_role_row_set_role (self, menu_roles[selected]);
}

static void
edit_scale_clicked_cb (EbColumnRoleRow *self,
                       GtkButton       *button)
{
  g_signal_emit (self, signals[EDIT_SCALE], 0);
}

static void
setup_role_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_list_item_set_child (item, label);
}

static void
bind_role_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  const char *name = gtk_string_object_get_string (gtk_list_item_get_item (item));
  EbColumnRole role = EB_COLUMN_ROLE_TEXT;

  eb_column_role_from_string (name, &role);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      eb_column_role_row_describe_role (role));
}

static void
eb_column_role_row_constructed (GObject *object)
{
  EbColumnRoleRow *self = EB_COLUMN_ROLE_ROW (object);
  g_autofree char *accessible = NULL;

  G_OBJECT_CLASS (eb_column_role_row_parent_class)->constructed (object);

  /* Long questions are cut short in narrow windows. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));

  /* TRANSLATORS: %s is a column's title */
  accessible = g_strdup_printf (_("Role of “%s”"),
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
eb_column_role_row_finalize (GObject *object)
{
  EbColumnRoleRow *self = EB_COLUMN_ROLE_ROW (object);

  g_clear_pointer (&self->scale, eb_scale_unref);

  G_OBJECT_CLASS (eb_column_role_row_parent_class)->finalize (object);
}

static void
eb_column_role_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EbColumnRoleRow *self = EB_COLUMN_ROLE_ROW (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      g_value_set_uint (value, self->column);
      break;

    case PROP_ROLE:
      g_value_set_uint (value, self->role);
      break;

    case PROP_SCALE:
      g_value_set_boxed (value, self->scale);
      break;

    case PROP_SUGGEST_SCALE:
      g_value_set_boolean (value, self->suggest_scale);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_column_role_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EbColumnRoleRow *self = EB_COLUMN_ROLE_ROW (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      self->column = g_value_get_uint (value);
      break;

    case PROP_ROLE:
      eb_column_role_row_set_role (self, (EbColumnRole) g_value_get_uint (value));
      break;

    case PROP_SCALE:
      eb_column_role_row_set_scale (self, g_value_get_boxed (value));
      break;

    case PROP_SUGGEST_SCALE:
      eb_column_role_row_set_suggest_scale (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_column_role_row_class_init (EbColumnRoleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = eb_column_role_row_constructed;
  object_class->finalize = eb_column_role_row_finalize;
  object_class->get_property = eb_column_role_row_get_property;
  object_class->set_property = eb_column_role_row_set_property;

  /**
   * EbColumnRoleRow:column:
   *
   * The column's index in its survey.
   */
  properties[PROP_COLUMN] =
    g_param_spec_uint ("column", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EbColumnRoleRow:role:
   *
   * The column's role, an #EbColumnRole.
   */
  properties[PROP_ROLE] =
    g_param_spec_uint ("role", NULL, NULL,
                       EB_COLUMN_ROLE_IGNORED, EB_COLUMN_ROLE_DATE, EB_COLUMN_ROLE_TEXT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbColumnRoleRow:scale:
   *
   * The scale of the column as a Likert item, kept while another role is
   * chosen so that choosing Likert again brings it back.
   */
  properties[PROP_SCALE] =
    g_param_spec_boxed ("scale", NULL, NULL,
                        EB_TYPE_SCALE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbColumnRoleRow:suggest-scale:
   *
   * Whether the answers look like an unknown scale: the row then offers
   * "Use as Scale…" while the column is not a Likert item.
   */
  properties[PROP_SUGGEST_SCALE] =
    g_param_spec_boolean ("suggest-scale", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbColumnRoleRow::edit-scale:
   *
   * The user asked to edit the scale, or to use the answers as one.
   */
  signals[EDIT_SCALE] =
    g_signal_new ("edit-scale",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
eb_column_role_row_init (EbColumnRoleRow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box;

  self->role = EB_COLUMN_ROLE_TEXT;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 1);

  self->suggest_button = gtk_button_new_with_mnemonic (_("_Use as Scale…"));
  gtk_widget_set_valign (self->suggest_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->suggest_button,
                               _("These answers look like a scale: put them in order and make "
                                 "the column a Likert item"));
  gtk_widget_set_visible (self->suggest_button, FALSE);
  g_signal_connect_object (self->suggest_button, "clicked", G_CALLBACK (edit_scale_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->suggest_button);

  self->scale_button = gtk_button_new ();
  gtk_widget_set_valign (self->scale_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->scale_button, "flat");
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("view-sort-descending-symbolic"));
  self->scale_label = gtk_label_new (NULL);
  /* Its full width when there is room; in a narrow window the end goes. */
  gtk_label_set_ellipsize (GTK_LABEL (self->scale_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->scale_label), 16);
  gtk_box_append (GTK_BOX (box), self->scale_label);
  gtk_button_set_child (GTK_BUTTON (self->scale_button), box);
  g_signal_connect_object (self->scale_button, "clicked", G_CALLBACK (edit_scale_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->scale_button);

  for (guint i = 0; i < G_N_ELEMENTS (menu_roles); i++)
    gtk_string_list_append (names, eb_column_role_to_string (menu_roles[i]));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_role_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_role_cb), NULL);
  self->dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (self->dropdown), factory);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), menu_position (self->role));
  gtk_widget_set_valign (self->dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->dropdown, 170, -1);
  g_signal_connect_object (self->dropdown, "notify::selected", G_CALLBACK (selected_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->dropdown);

  update_buttons (self);
}

GtkWidget *
eb_column_role_row_new (guint       column,
                        const char *title)
{
  g_return_val_if_fail (title != NULL, NULL);

  return g_object_new (EB_TYPE_COLUMN_ROLE_ROW,
                       "column", column,
                       "title", title,
                       NULL);
}

guint
eb_column_role_row_get_column (EbColumnRoleRow *self)
{
  g_return_val_if_fail (EB_IS_COLUMN_ROLE_ROW (self), 0);

  return self->column;
}

EbColumnRole
eb_column_role_row_get_role (EbColumnRoleRow *self)
{
  g_return_val_if_fail (EB_IS_COLUMN_ROLE_ROW (self), EB_COLUMN_ROLE_IGNORED);

  return self->role;
}

void
eb_column_role_row_set_role (EbColumnRoleRow *self,
                             EbColumnRole     role)
{
  g_return_if_fail (EB_IS_COLUMN_ROLE_ROW (self));
  g_return_if_fail (role <= EB_COLUMN_ROLE_DATE);

  if (self->role == role)
    return;

  self->role = role;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), menu_position (role));
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

EbScale *
eb_column_role_row_get_scale (EbColumnRoleRow *self)
{
  g_return_val_if_fail (EB_IS_COLUMN_ROLE_ROW (self), NULL);

  return self->scale;
}

void
eb_column_role_row_set_scale (EbColumnRoleRow *self,
                              EbScale         *scale)
{
  g_return_if_fail (EB_IS_COLUMN_ROLE_ROW (self));

  if (self->scale == scale || (self->scale != NULL && scale != NULL && eb_scale_equal (self->scale, scale)))
    return;

  if (scale != NULL)
    eb_scale_ref (scale);
  g_clear_pointer (&self->scale, eb_scale_unref);
  self->scale = scale;
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

gboolean
eb_column_role_row_get_suggest_scale (EbColumnRoleRow *self)
{
  g_return_val_if_fail (EB_IS_COLUMN_ROLE_ROW (self), FALSE);

  return self->suggest_scale;
}

void
eb_column_role_row_set_suggest_scale (EbColumnRoleRow *self,
                                      gboolean         suggest_scale)
{
  g_return_if_fail (EB_IS_COLUMN_ROLE_ROW (self));

  suggest_scale = !!suggest_scale;
  if (self->suggest_scale == suggest_scale)
    return;

  self->suggest_scale = suggest_scale;
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGEST_SCALE]);
}

GtkDropDown *
eb_column_role_row_get_role_dropdown (EbColumnRoleRow *self)
{
  g_return_val_if_fail (EB_IS_COLUMN_ROLE_ROW (self), NULL);

  return GTK_DROP_DOWN (self->dropdown);
}

const char *
eb_column_role_row_describe_role (EbColumnRole role)
{
  switch (role)
    {
    case EB_COLUMN_ROLE_IGNORED:
      return _("Ignored");
    case EB_COLUMN_ROLE_ID:
      return _("Respondent ID");
    case EB_COLUMN_ROLE_ATTRIBUTE:
      return _("Attribute");
    case EB_COLUMN_ROLE_LIKERT:
      return _("Likert item");
    case EB_COLUMN_ROLE_MULTI:
      return _("Multiple choice");
    case EB_COLUMN_ROLE_TEXT:
      return _("Free text");
    case EB_COLUMN_ROLE_NUMBER:
      return _("Number");
    case EB_COLUMN_ROLE_DATE:
      return _("Date");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
eb_column_role_row_role_badge (EbColumnRole role)
{
  switch (role)
    {
    case EB_COLUMN_ROLE_IGNORED:
      return C_("role badge", "Ignored");
    case EB_COLUMN_ROLE_ID:
      return C_("role badge", "ID");
    case EB_COLUMN_ROLE_ATTRIBUTE:
      return C_("role badge", "Attribute");
    case EB_COLUMN_ROLE_LIKERT:
      return C_("role badge", "Likert");
    case EB_COLUMN_ROLE_MULTI:
      return C_("role badge", "Multi");
    case EB_COLUMN_ROLE_TEXT:
      return C_("role badge", "Text");
    case EB_COLUMN_ROLE_NUMBER:
      return C_("role badge", "Number");
    case EB_COLUMN_ROLE_DATE:
      return C_("role badge", "Date");
    default:
      g_return_val_if_reached ("");
    }
}

char *
eb_column_role_row_describe_scale (EbScale *scale)
{
  guint n_substantive;
  int lowest = -1;
  int highest = -1;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  g_return_val_if_fail (scale != NULL, NULL);

  for (guint i = 0; i < eb_scale_get_n_levels (scale); i++)
    {
      if (eb_scale_is_non_substantive (scale, i))
        continue;
      if (lowest < 0)
        lowest = (int) i;
      highest = (int) i;
    }
  n_substantive = eb_scale_get_n_substantive (scale);
  if (lowest < 0)
    return g_strdup (_("No real answers"));

  low = shorten_label (eb_scale_get_label (scale, lowest));
  high = shorten_label (eb_scale_get_label (scale, highest));
  /* TRANSLATORS: "4 levels: Realise … → Strongly developed" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u level: %s → %s",
                                       "%u levels: %s → %s",
                                       n_substantive),
                          n_substantive, low, high);
}
