/** The banner above a form for the server's message and problems that name no field. */
import { Alert } from 'antd';

/** Shows nothing when there are no errors. */
export function FormErrors({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={errors[0]}
      description={errors.length > 1 ? errors.slice(1).join('; ') : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
