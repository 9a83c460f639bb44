/** Python identifiers and literals for the generated PyTorch code. */
import { freshIdentifier, PYTHON_RESERVED, pythonIdentifiers } from '../quote';

export { pyLiteral, pyNumber as pyFloat, pyInt, pyString } from '../quote';

/**
 * Attributes every nn.Module has (torch 1.13 to 2.x): a layer stored as `self.<name>` must not
 * replace one of them (`self.training`, `self.forward`, ...).
 */
const MODULE_ATTRIBUTES =
  'T_destination add_module apply bfloat16 buffers call_super_init children compile cpu cuda double dump_patches eval extra_repr float forward get_buffer get_extra_state get_parameter get_submodule half ipu load_state_dict modules mtia named_buffers named_children named_modules named_parameters parameters predict register_backward_hook register_buffer register_forward_hook register_forward_pre_hook register_full_backward_hook register_full_backward_pre_hook register_load_state_dict_post_hook register_load_state_dict_pre_hook register_module register_parameter register_state_dict_post_hook register_state_dict_pre_hook requires_grad_ set_extra_state set_submodule share_memory state_dict to to_empty train training type xpu zero_grad'.split(' ');

/** Module-level names of model.py and the names forward() and __init__ read. */
const MODEL_PY_NAMES = 'json sys np torch F nn self x NetwrightModel MODEL_NAME INPUT_SHAPES OUTPUTS WEIGHT_MAP load_netwright_weights avg_pool_excluding_padding'.split(' ');

/** Every name a layer's Python identifier must avoid. */
export const PYTORCH_RESERVED: ReadonlySet<string> = new Set([...PYTHON_RESERVED, ...MODULE_ATTRIBUTES, ...MODEL_PY_NAMES]);

/** A Python identifier per node id: safe, unique, never a keyword, builtin or a name the generated code uses. */
export function pythonNames(ids: readonly string[]): Map<string, string> {
  return pythonIdentifiers(ids, PYTORCH_RESERVED);
}

/** A further identifier (e.g. a transposed copy of a value) that collides with none of `names`. */
export function extraPythonName(base: string, names: Map<string, string>, extra: Set<string>): string {
  const used = new Set([...names.values(), ...extra]);
  const name = freshIdentifier(base, used, PYTORCH_RESERVED);
  extra.add(name);
  return name;
}
