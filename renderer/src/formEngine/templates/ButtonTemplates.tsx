/**
 * The list buttons. @rjsf/antd's are icon-only, so screen readers announced the icon's own aria-label
 * (「plus-circle」, 「delete」) instead of what the button does. 「添加一条」 and 「删除」 show their words
 * (older candidates read them too); the compact move / copy buttons get their title as `aria-label`.
 */
import type { ComponentType } from "react";
import { DeleteOutlined, PlusCircleOutlined } from "@ant-design/icons";
import {
  ClearButton,
  CopyButton,
  MoveDownButton,
  MoveUpButton,
} from "@rjsf/antd/lib/templates/IconButton/index.js";
import { TranslatableString, type IconButtonProps } from "@rjsf/utils";
import { Button } from "antd";

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

/** 「删除」 with its word, at the foot of a list entry's card. */
export function RemoveButton(props: IconButtonProps) {
  const { registry, uiSchema: _uiSchema, iconType: _iconType, icon: _icon, className, ...rest } = props;
  const label = registry.translateString(TranslatableString.RemoveButton);
  return (
    <Button
      {...(rest as Record<string, unknown>)}
      className={className}
      danger
      title={label}
      icon={<DeleteOutlined aria-hidden />}
    >
      {label}
    </Button>
  );
}

type ButtonTemplate = ComponentType<IconButtonProps>;

/** Wraps an icon-only @rjsf/antd button so its accessible name is its (translated) title. */
function named(Template: ButtonTemplate, key: TranslatableString): ButtonTemplate {
  return function NamedButton(props: IconButtonProps) {
    // `aria-label` is passed through to antd's Button.
    const label = props.title ?? props.registry.translateString(key);
    return <Template {...props} {...{ "aria-label": label }} />;
  };
}

/** `ButtonTemplates` for the theme (the submit button is never rendered: FormEngine has its own bar). */
export const ButtonTemplates = {
  AddButton,
  RemoveButton,
  ClearButton: named(ClearButton, TranslatableString.ClearButton),
  CopyButton: named(CopyButton, TranslatableString.CopyButton),
  MoveDownButton: named(MoveDownButton, TranslatableString.MoveDownButton),
  MoveUpButton: named(MoveUpButton, TranslatableString.MoveUpButton),
};
