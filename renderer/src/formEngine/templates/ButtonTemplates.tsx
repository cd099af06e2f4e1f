/**
 * The array buttons of @rjsf/antd are icon-only, so screen readers announced the icon's own aria-label
 * (「plus-circle」, 「delete」) instead of what the button does. The add button gets its words as visible
 * text (older candidates read them too); the compact icon buttons get their title as `aria-label`.
 */
import type { ComponentType } from "react";
import { PlusCircleOutlined } from "@ant-design/icons";
import { Theme as AntdTheme } from "@rjsf/antd";
import { TranslatableString, type IconButtonProps } from "@rjsf/utils";
import { Button } from "antd";

const antdButtons = AntdTheme.templates!.ButtonTemplates!;

/** 「添加一条」 as a labelled block button (the icon is decoration). */
export function AddButton(props: IconButtonProps) {
  const { registry, uiSchema: _uiSchema, iconType: _iconType, icon: _icon, className, ...rest } = props;
  const label = registry.translateString(TranslatableString.AddItemButton);
  return (
    <Button
      {...(rest as Record<string, unknown>)}
      className={className}
      type="primary"
      block
      title={label}
      aria-label={label}
      icon={<PlusCircleOutlined aria-hidden />}
    >
      {label}
    </Button>
  );
}

type ButtonTemplate = ComponentType<IconButtonProps>;

/** Wraps an icon-only @rjsf/antd button so its accessible name is its (translated) title. */
function named(Template: ButtonTemplate | undefined, key: TranslatableString): ButtonTemplate {
  return function NamedButton(props: IconButtonProps) {
    // `aria-label` is passed through to antd's Button.
    const label = props.title ?? props.registry.translateString(key);
    return Template ? <Template {...props} {...{ "aria-label": label }} /> : null;
  };
}

/** `ButtonTemplates` for the theme: the antd ones with accessible names. */
export const ButtonTemplates = {
  ...antdButtons,
  AddButton,
  CopyButton: named(antdButtons.CopyButton, TranslatableString.CopyButton),
  MoveDownButton: named(antdButtons.MoveDownButton, TranslatableString.MoveDownButton),
  MoveUpButton: named(antdButtons.MoveUpButton, TranslatableString.MoveUpButton),
  RemoveButton: named(antdButtons.RemoveButton, TranslatableString.RemoveButton),
};
