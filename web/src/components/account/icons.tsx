/**
 * Icons of the account pages. Each sits beside text that says the same thing (status is never shown by
 * icon or colour alone), so they are hidden from assistive technology.
 */
interface IconProps {
  className?: string;
}

function Svg(props: IconProps & { d: string }) {
  return (
    <svg className={props.className ?? 'icon'} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={props.d} />
    </svg>
  );
}

export const BellIcon = (p: IconProps) => (
  <Svg {...p} d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Zm-2 1H7v-6a5 5 0 0 1 10 0v6Z" />
);

export const UserIcon = (p: IconProps) => (
  <Svg {...p} d="M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0-7a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5Zm0 9c-4.42 0-8 2.24-8 5v2h16v-2c0-2.76-3.58-5-8-5Zm-6 5c.2-1.3 2.7-3 6-3s5.8 1.7 6 3H6Z" />
);

export const CheckIcon = (p: IconProps) => <Svg {...p} d="M9.5 16.6 4.9 12l-1.4 1.4 6 6L21 7.9l-1.4-1.4L9.5 16.6Z" />;

export const ClockIcon = (p: IconProps) => (
  <Svg {...p} d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16Zm.5-13H11v6l5.2 3.1.8-1.2-4.5-2.7V7Z" />
);

export const PauseIcon = (p: IconProps) => (
  <Svg {...p} d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16ZM9 8h2v8H9V8Zm4 0h2v8h-2V8Z" />
);

export const BlockIcon = (p: IconProps) => (
  <Svg {...p} d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20ZM4 12a8 8 0 0 1 12.9-6.3L5.7 16.9A7.96 7.96 0 0 1 4 12Zm8 8a7.96 7.96 0 0 1-4.9-1.7L18.3 7.1A8 8 0 0 1 12 20Z" />
);

export const MailIcon = (p: IconProps) => (
  <Svg {...p} d="M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm1 2.4V17h16V7.4l-8 5.3-8-5.3ZM5.6 7 12 11.3 18.4 7H5.6Z" />
);

export const ShieldIcon = (p: IconProps) => (
  <Svg {...p} d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm6 9c0 4-2.6 7.8-6 8.9-3.4-1.1-6-4.9-6-8.9V6.4l6-2.3 6 2.3V11Zm-7.5 1.6-2.1-2.1L7 11.9l3.5 3.5 6-6-1.4-1.4-4.6 4.6Z" />
);

export const ChevronIcon = (p: IconProps) => <Svg {...p} d="M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6 1.4-1.4Z" />;

export const DotIcon = (p: IconProps) => <Svg {...p} d="M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10Z" />;
